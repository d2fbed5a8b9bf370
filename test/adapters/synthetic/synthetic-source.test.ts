import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createSyntheticSource, type SyntheticSource, type SyntheticSourceOptions } from '../../../src/adapters/synthetic/synthetic-source.js';
import { MageosError } from '../../../src/core/errors.js';
import { FIXTURE_GIT_ENV, makeTempDir } from '../../support/git-fixture.js';

const TAGS = ['1.0.0', '1.0.1', '1.1.0', '1.1.1', '1.2.0', '2.0.0'];
const root = makeTempDir('mageos-synthetic-');
after(() => rmSync(root, { recursive: true, force: true }));

let runs = 0;
function generate(options: Partial<SyntheticSourceOptions> = {}): Promise<SyntheticSource> {
  runs++;
  return createSyntheticSource({ dir: join(root, `run-${runs}`), layout: 'modules', packages: 12, tags: TAGS, filesPerPackage: 10, seed: 7, ...options });
}

function git(dir: string, args: string[], input?: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, ...FIXTURE_GIT_ENV };
  delete env.GIT_DIR;
  delete env.GIT_WORK_TREE;
  delete env.GIT_INDEX_FILE;
  return execFileSync('git', args, { cwd: dir, env, input, maxBuffer: 1 << 28 }).toString('utf8');
}

/** Blob contents for `rev:path` specs, read with one cat-file call. */
function readBlobs(dir: string, specs: string[]): string[] {
  const out = Buffer.from(git(dir, ['cat-file', '--batch'], `${specs.join('\n')}\n`), 'utf8');
  const blobs: string[] = [];
  let at = 0;
  for (const spec of specs) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString('utf8');
    const size = Number(header.split(' ')[2]);
    assert.match(header, / blob \d+$/, `${spec} is a blob`);
    blobs.push(out.subarray(eol + 1, eol + 1 + size).toString('utf8'));
    at = eol + 1 + size + 1;
  }
  return blobs;
}

/** `git ls-tree` entries of a tree: path → { mode, oid }. */
function lsTree(dir: string, args: string[]): Map<string, { mode: string; oid: string }> {
  const entries = new Map<string, { mode: string; oid: string }>();
  for (const line of git(dir, ['ls-tree', ...args]).split('\n')) {
    const match = /^(\d+) \w+ ([0-9a-f]+)\t(.*)$/.exec(line);
    if (match) entries.set(match[3] as string, { mode: match[1] as string, oid: match[2] as string });
  }
  return entries;
}

function composerJsons(source: SyntheticSource, tag: string, dirs: string[]): Array<Record<string, unknown>> {
  return readBlobs(source.dir, dirs.map((d) => `${tag}:${d === '' ? '' : `${d}/`}composer.json`)).map((text) => JSON.parse(text) as Record<string, unknown>);
}

function versionsAt(source: SyntheticSource, tag: string): Map<string, string> {
  const jsons = composerJsons(source, tag, source.packages.map((p) => p.dir));
  return new Map(jsons.map((json) => [json.name as string, json.version as string]));
}

function isNewer(a: string, b: string): boolean {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < 3; i++) if ((x[i] as number) !== (y[i] as number)) return (x[i] as number) > (y[i] as number);
  return false;
}

describe('createSyntheticSource', () => {
  describe("the 'modules' layout", () => {
    let source: SyntheticSource;

    before(async () => {
      source = await generate({ symlinks: true });
    });

    it('creates every tag as one commit on main, in the order given', () => {
      assert.deepEqual(source.tags, TAGS);
      const history = git(source.dir, ['rev-list', '--reverse', 'main']).trim().split('\n');
      assert.deepEqual(history, TAGS.map((tag) => git(source.dir, ['rev-parse', `${tag}^{commit}`]).trim()));
      const byDate = git(source.dir, ['for-each-ref', '--sort=creatordate', '--format=%(refname:short)', 'refs/tags']).trim().split('\n');
      assert.deepEqual(byDate, TAGS);
    });

    it('gives the same commit ids for the same options, and others for another seed', async () => {
      const again = await generate({ symlinks: true });
      const other = await generate({ symlinks: true, seed: 8 });
      for (const tag of TAGS) {
        const id = git(source.dir, ['rev-parse', tag]);
        assert.equal(git(again.dir, ['rev-parse', tag]), id, tag);
        assert.notEqual(git(other.dir, ['rev-parse', tag]), id, tag);
      }
    });

    it('writes a repository that git fsck --strict accepts, without dangling objects', () => {
      assert.equal(git(source.dir, ['fsck', '--strict', '--dangling']).trim(), '');
    });

    it('now and then replaces a module file by one under another path', () => {
      const statuses = git(source.dir, ['diff', '--name-status', '--no-renames', TAGS[0] as string, TAGS.at(-1) as string]).split('\n');
      assert.ok(statuses.some((line) => line.startsWith('D\t')), 'some file is deleted');
      assert.ok(statuses.some((line) => line.startsWith('A\t')), 'some file is added');
    });

    it('checks out main into the work tree', () => {
      assert.equal(git(source.dir, ['status', '--porcelain']), '');
      for (const pkg of source.packages) assert.ok(existsSync(join(source.dir, pkg.dir, 'composer.json')), pkg.dir);
    });

    it('names each module directory in CamelCase and its package <vendor>/module-<kebab-name>, all distinct', () => {
      assert.equal(source.packages.length, 12);
      assert.equal(new Set(source.packages.map((p) => p.name)).size, 12);
      for (const { name, dir } of source.packages) {
        assert.match(dir, /^([A-Z][a-z]*[A-Z]?[a-z]+)+$/);
        assert.equal(name, `acme/module-${dir.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`);
      }
    });

    it('gives every module a composer.json with the reported name, a version, and PSR-4 autoloading', () => {
      for (const tag of TAGS) {
        const jsons = composerJsons(source, tag, source.packages.map((p) => p.dir));
        for (const [i, json] of jsons.entries()) {
          const pkg = source.packages[i] as { name: string; dir: string };
          assert.equal(json.name, pkg.name);
          assert.equal(json.type, 'magento2-module');
          assert.deepEqual(json.license, ['OSL-3.0', 'AFL-3.0']);
          assert.match(json.version as string, /^\d+\.\d+\.\d+$/);
          assert.deepEqual(json.autoload, { files: ['registration.php'], 'psr-4': { [`Acme\\${pkg.dir}\\`]: '' } });
        }
      }
    });

    it('bumps a module version exactly when the module directory changes between tags', () => {
      let changed = 0;
      for (let i = 1; i < TAGS.length; i++) {
        const [prev, next] = [TAGS[i - 1] as string, TAGS[i] as string];
        const [prevTrees, nextTrees] = [lsTree(source.dir, [prev]), lsTree(source.dir, [next])];
        const [prevVersions, nextVersions] = [versionsAt(source, prev), versionsAt(source, next)];
        for (const { name, dir } of source.packages) {
          const [a, b] = [prevVersions.get(name) as string, nextVersions.get(name) as string];
          if (prevTrees.get(dir)?.oid === nextTrees.get(dir)?.oid) {
            assert.equal(b, a, `${name} is unchanged from ${prev} to ${next}`);
          } else {
            changed++;
            assert.ok(isNewer(b, a), `${name} changed from ${prev} to ${next}, so ${b} is newer than ${a}`);
          }
        }
      }
      assert.equal(changed, (TAGS.length - 1) * Math.round(0.3 * 12), 'changeRate 0.3 of 12 modules change per tag');
    });

    it('pins every module at its version of the tag in the metapackage, which has no version', () => {
      assert.equal(source.metapackage, 'acme/acme-package-suite');
      for (const tag of TAGS) {
        const [json] = composerJsons(source, tag, ['_metapackage']);
        assert.equal(json?.name, source.metapackage);
        assert.equal(json?.type, 'metapackage');
        assert.equal(json?.version, undefined);
        assert.deepEqual(new Map(Object.entries(json?.require as Record<string, string>)), versionsAt(source, tag));
      }
    });

    it('requires other modules only with caret constraints that their versions at the same tag satisfy', () => {
      let links = 0;
      for (const tag of TAGS) {
        const versions = versionsAt(source, tag);
        for (const json of composerJsons(source, tag, source.packages.map((p) => p.dir))) {
          const { php, ...modules } = json.require as Record<string, string>;
          assert.equal(php, '~8.1.0||~8.2.0');
          for (const [name, constraint] of Object.entries(modules)) {
            links++;
            const [major, minor] = (versions.get(name) ?? assert.fail(`${name} is a synthetic module`)).split('.').map(Number);
            const match = /^\^(\d+)\.(\d+)$/.exec(constraint) ?? assert.fail(`${constraint} is a caret constraint`);
            assert.ok(Number(match[1]) === major && Number(match[2]) <= (minor as number), `${name} ${versions.get(name)} satisfies ${constraint}`);
          }
        }
      }
      assert.ok(links > 0, 'some modules require others');
    });

    it('keeps root directories without composer.json, which are not packages', () => {
      const all = git(source.dir, ['ls-tree', '-r', '--name-only', TAGS.at(-1) as string]).trim().split('\n');
      assert.ok(all.includes('.github/workflows/ci.yml'));
      assert.ok(all.includes('dev/tests/phpunit.xml'));
      assert.ok(!all.some((path) => /^(\.github|dev)\/.*composer\.json$/.test(path)));
    });

    it('reports as fileCount the number of files at the last tag', () => {
      const files = lsTree(source.dir, ['-r', TAGS.at(-1) as string]);
      assert.equal(source.fileCount, files.size);
      assert.ok(source.fileCount >= 12 * 10 + 2, 'filesPerPackage files per module, plus the metapackage');
    });

    it('writes a few executable files (100755) and, when asked, one symbolic link (120000)', () => {
      const files = [...lsTree(source.dir, ['-r', TAGS.at(-1) as string])];
      const executables = files.filter(([, e]) => e.mode === '100755');
      const links = files.filter(([, e]) => e.mode === '120000');
      assert.ok(executables.length >= 1 && executables.length < 12, `${executables.length} executables`);
      assert.equal(links.length, 1);
      const [path] = links[0] as [string, unknown];
      assert.equal(readBlobs(source.dir, [`${TAGS.at(-1)}:${path}`])[0], '../README.md');
    });

    it('writes neither without executableFiles and symlinks', async () => {
      const plain = await generate({ executableFiles: false });
      const modes = new Set([...lsTree(plain.dir, ['-r', TAGS.at(-1) as string]).values()].map((e) => e.mode));
      assert.deepEqual([...modes], ['100644']);
    });

    it('keeps file sizes between 200 B and 8 KB', () => {
      const sizes = git(source.dir, ['ls-tree', '-r', '-l', TAGS.at(-1) as string]).trim().split('\n')
        .filter((line) => !line.startsWith('120000'))
        .map((line) => Number(line.split(/\s+/)[3]));
      assert.ok(Math.min(...sizes) >= 200 && Math.max(...sizes) <= 8192, `${Math.min(...sizes)}..${Math.max(...sizes)}`);
    });
  });

  describe("the 'root-package' layout", () => {
    let source: SyntheticSource;

    before(async () => {
      source = await generate({ layout: 'root-package', filesPerPackage: 15 });
    });

    it('has one library package at the root, without a version, and no metapackage', () => {
      assert.deepEqual(source.packages, [{ name: 'acme/acme-library', dir: '' }]);
      assert.equal(source.metapackage, null);
      for (const tag of TAGS) {
        const [json] = composerJsons(source, tag, ['']);
        assert.equal(json?.name, 'acme/acme-library');
        assert.equal(json?.type, 'library');
        assert.equal(json?.version, undefined);
      }
    });

    it('keeps filesPerPackage files under src/ and changes them at every tag', () => {
      for (const tag of TAGS) {
        const all = git(source.dir, ['ls-tree', '-r', '--name-only', tag]).trim().split('\n');
        assert.equal(all.filter((path) => path.startsWith('src/')).length, 15, tag);
      }
      for (let i = 1; i < TAGS.length; i++) {
        assert.notEqual(git(source.dir, ['rev-parse', `${TAGS[i - 1]}:src`]), git(source.dir, ['rev-parse', `${TAGS[i]}:src`]));
      }
      assert.equal(source.fileCount, lsTree(source.dir, ['-r', TAGS.at(-1) as string]).size);
    });
  });

  describe('options', () => {
    it('refuses a directory that is not empty', async () => {
      const dir = join(root, 'not-empty');
      mkdirSync(dir);
      writeFileSync(join(dir, 'keep.txt'), 'mine');
      await assert.rejects(generate({ dir }), (error) => error instanceof MageosError && error.code === 'ERR_OUTPUT_NOT_OURS');
    });

    it('rejects a tag listed twice and too few files per module, naming the problem', async () => {
      const usage = (pattern: RegExp) => (error: unknown) => error instanceof MageosError && error.code === 'ERR_USAGE' && pattern.test(error.message);
      await assert.rejects(generate({ tags: ['1.0.0', '1.0.0'] }), usage(/"1\.0\.0" is listed twice/));
      await assert.rejects(generate({ filesPerPackage: 3 }), usage(/filesPerPackage/));
    });
  });
});
