import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createBaseComposerJsonRepo, type BaseComposerJsonRepo } from '../../../src/adapters/synthetic/base-composer-json-repo.js';
import { createMagentoMonorepo, type MagentoMonorepo, type MagentoMonorepoOptions } from '../../../src/adapters/synthetic/magento-monorepo.js';
import { MageosError } from '../../../src/core/errors.js';
import { FIXTURE_GIT_ENV, makeTempDir } from '../../support/git-fixture.js';

const RELEASES = ['2.4.6', '2.4.6-p1', '2.4.6-p2', '2.4.7', '2.4.7-p1'];
const FRAMEWORK_DIR = 'lib/internal/Magento/Framework';
const SUB_FRAMEWORKS = ['Amqp', 'Bulk', 'MessageQueue', 'Stomp'];
const ROOT_FILES = [
  'composer.json', 'composer.lock', 'index.php', 'app/etc/di.xml', 'app/etc/vendor_path.php', 'app/autoload.php', 'app/bootstrap.php',
  'bin/magento', 'pub/index.php', 'pub/static/.htaccess', 'dev/tests/static/testsuite/Magento/Test/Legacy/FilesystemTest.php',
  '.github/workflows/ci.yml', '.gitignore', '.htaccess', 'nginx.conf.sample', 'LICENSE.txt', 'generated/.htaccess', 'var/.htaccess',
];
const root = makeTempDir('mageos-magento-monorepo-');
after(() => rmSync(root, { recursive: true, force: true }));

let runs = 0;
function generate(options: Partial<MagentoMonorepoOptions> = {}): Promise<MagentoMonorepo> {
  runs++;
  return createMagentoMonorepo({ dir: join(root, `run-${runs}`), releases: RELEASES, seed: 7, ...options });
}

function git(dir: string, args: string[], input?: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, ...FIXTURE_GIT_ENV };
  delete env.GIT_DIR;
  delete env.GIT_WORK_TREE;
  delete env.GIT_INDEX_FILE;
  return execFileSync('git', args, { cwd: dir, env, input, maxBuffer: 1 << 28 }).toString('utf8');
}

/** Parsed JSON of `rev:path` specs, read with one cat-file call. */
function readJsons(dir: string, specs: string[]): Array<Record<string, unknown>> {
  const out = Buffer.from(git(dir, ['cat-file', '--batch'], `${specs.join('\n')}\n`), 'utf8');
  const jsons: Array<Record<string, unknown>> = [];
  let at = 0;
  for (const spec of specs) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString('utf8');
    assert.match(header, / blob \d+$/, `${spec} is a blob`);
    const size = Number(header.split(' ')[2]);
    jsons.push(JSON.parse(out.subarray(eol + 1, eol + 1 + size).toString('utf8')) as Record<string, unknown>);
    at = eol + 1 + size + 1;
  }
  return jsons;
}

type Tree = Map<string, { mode: string; oid: string }>;

/** `git ls-tree` entries: path → { mode, oid }. */
function lsTree(dir: string, args: string[]): Tree {
  const entries: Tree = new Map();
  for (const line of git(dir, ['ls-tree', ...args]).split('\n')) {
    const match = /^(\d+) \w+ ([0-9a-f]+)\t(.*)$/.exec(line);
    if (match) entries.set(match[3] as string, { mode: match[1] as string, oid: match[2] as string });
  }
  return entries;
}

function packageJsons(repo: MagentoMonorepo, tag: string): Map<string, Record<string, unknown>> {
  const jsons = readJsons(repo.dir, repo.packages.map((p) => `${tag}:${p.dir}/composer.json`));
  return new Map(repo.packages.map((p, i) => [p.name, jsons[i] as Record<string, unknown>]));
}

/** The files of a package directory at a tag (mode, blob id, path), leaving out the sub-framework directories for the framework. */
function packageContent(files: Tree, dir: string): string {
  const own = (path: string) => path.startsWith(`${dir}/`) && (dir !== FRAMEWORK_DIR || !SUB_FRAMEWORKS.some((sub) => path.startsWith(`${dir}/${sub}/`)));
  return [...files].filter(([path]) => own(path)).map(([path, e]) => `${e.mode} ${e.oid} ${path}`).join('\n');
}

/** tag name → commit id. */
function tagIds(dir: string): Map<string, string> {
  const lines = git(dir, ['for-each-ref', '--format=%(refname:strip=2) %(objectname)', 'refs/tags']).trim().split('\n');
  return new Map(lines.map((line) => line.split(' ') as [string, string]));
}

function versionParts(version: string): number[] {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-p(\d+))?$/.exec(version) ?? assert.fail(`${version} is a Magento package version`);
  return [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
}

function isNewer(a: string, b: string): boolean {
  const [x, y] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return (x[i] as number) > (y[i] as number);
  return false;
}

function satisfies(version: string, constraint: string): boolean {
  const [major, minor] = versionParts(version);
  const wildcard = /^(\d+)\.(\d+)\.\*$/.exec(constraint);
  if (wildcard) return Number(wildcard[1]) === major && Number(wildcard[2]) === minor;
  const caret = /^\^(\d+)\.(\d+)$/.exec(constraint) ?? assert.fail(`${constraint} is a wildcard or caret constraint`);
  return Number(caret[1]) === major && Number(caret[2]) <= (minor as number);
}

describe('createMagentoMonorepo', () => {
  let repo: MagentoMonorepo;

  before(async () => {
    repo = await generate();
  });

  it('creates every release as one commit on main, n days after the first, tagged in the order given', () => {
    assert.deepEqual(repo.tags, RELEASES);
    const history = git(repo.dir, ['log', '--reverse', '--format=%H %ct', 'main']).trim().split('\n');
    assert.deepEqual(history, RELEASES.map((tag, n) => `${tagIds(repo.dir).get(tag)} ${1704067200 + n * 86400}`));
    assert.equal(git(repo.dir, ['status', '--porcelain']), '');
  });

  it('gives the same commit ids for the same options, and others for another seed', async () => {
    const again = await generate();
    const other = await generate({ seed: 8 });
    const [ids, againIds, otherIds] = [repo, again, other].map((r) => tagIds(r.dir));
    assert.equal(ids?.size, RELEASES.length);
    assert.deepEqual(againIds, ids);
    for (const tag of RELEASES) assert.notEqual(otherIds?.get(tag), ids?.get(tag), tag);
    assert.deepEqual(again.versions, repo.versions);
  });

  it('lists 12 modules, 3 themes, 2 language packs, the framework and its 4 sub-framework packages by default', () => {
    const byType = (type: string) => repo.packages.filter((p) => p.type === type);
    assert.equal(byType('magento2-module').length, 12);
    assert.deepEqual(byType('magento2-theme').map((p) => [p.name, p.dir]), [
      ['magento/theme-frontend-blank', 'app/design/frontend/Magento/blank'],
      ['magento/theme-frontend-luma', 'app/design/frontend/Magento/luma'],
      ['magento/theme-adminhtml-backend', 'app/design/adminhtml/Magento/backend'],
    ]);
    assert.deepEqual(byType('magento2-language').map((p) => [p.name, p.dir]), [
      ['magento/language-de_de', 'app/i18n/Magento/de_DE'],
      ['magento/language-fr_fr', 'app/i18n/Magento/fr_FR'],
    ]);
    assert.deepEqual(byType('magento2-library').map((p) => [p.name, p.dir]), [
      ['magento/framework', FRAMEWORK_DIR],
      ['magento/framework-amqp', `${FRAMEWORK_DIR}/Amqp`],
      ['magento/framework-bulk', `${FRAMEWORK_DIR}/Bulk`],
      ['magento/framework-message-queue', `${FRAMEWORK_DIR}/MessageQueue`],
      ['magento/framework-stomp', `${FRAMEWORK_DIR}/Stomp`],
    ]);
    for (const { name, dir } of byType('magento2-module')) {
      const module = /^app\/code\/Magento\/([A-Z][A-Za-z]+)$/.exec(dir)?.[1] ?? assert.fail(`${dir} is a module directory`);
      assert.equal(name, `magento/module-${module.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`);
    }
    assert.equal(new Set(repo.packages.map((p) => p.name)).size, repo.packages.length);
  });

  it('has every path family of the monorepo at each tag', () => {
    for (const tag of RELEASES) {
      const paths = new Set(lsTree(repo.dir, ['-r', `refs/tags/${tag}`]).keys());
      const has = (path: string) => assert.ok(paths.has(path), `${tag}: ${path}`);
      const hasUnder = (prefix: string, pattern: RegExp) => assert.ok([...paths].some((p) => p.startsWith(prefix) && pattern.test(p.slice(prefix.length))), `${tag}: ${prefix}${pattern}`);
      for (const path of ROOT_FILES) has(path);
      hasUnder('setup/', /\.php$/);
      for (const { dir, type } of repo.packages) {
        has(`${dir}/composer.json`);
        has(`${dir}/registration.php`);
        if (type === 'magento2-module') {
          for (const path of ['etc/module.xml', 'etc/di.xml']) has(`${dir}/${path}`);
          for (const pattern of [/^Model\/[A-Za-z]+\.php$/, /^view\//, /^Test\/Unit\/.*Test\.php$/]) hasUnder(`${dir}/`, pattern);
        } else if (type === 'magento2-theme') {
          has(`${dir}/theme.xml`);
          hasUnder(`${dir}/`, /^web\/css\/.*\.less$/);
        } else if (type === 'magento2-language') {
          has(`${dir}/language.xml`);
          has(`${dir}/${dir.split('/').at(-1)}.csv`);
        } else if (dir === FRAMEWORK_DIR) {
          for (const sub of ['App/', 'DB/']) hasUnder(`${dir}/${sub}`, /\.php$/);
        } else {
          hasUnder(`${dir}/`, /^[A-Z][A-Za-z/]*\.php$/);
        }
      }
    }
  });

  it('makes bin/magento executable and nothing else', () => {
    const files = lsTree(repo.dir, ['-r', `refs/tags/${RELEASES.at(-1)}`]);
    assert.deepEqual([...files].filter(([, e]) => e.mode !== '100644').map(([path, e]) => `${e.mode} ${path}`), ['100755 bin/magento']);
  });

  it('writes composer.json of every package with its name, type, license and the version reported for the tag', () => {
    for (const tag of RELEASES) {
      const jsons = packageJsons(repo, tag);
      for (const { name, type } of repo.packages) {
        const json = jsons.get(name) as Record<string, unknown>;
        assert.equal(json.name, name);
        assert.equal(json.type, type);
        assert.deepEqual(json.license, ['OSL-3.0', 'AFL-3.0']);
        assert.equal(json.version, repo.versions[tag]?.[name], `${name} at ${tag}`);
        assert.notEqual(json.version, tag, 'a package has its own version, not the release');
      }
    }
  });

  it('bumps a package version exactly when its content changes between tags, with -pN in patch releases', () => {
    let changed = 0;
    const trees = new Map(RELEASES.map((tag) => [tag, lsTree(repo.dir, ['-r', `refs/tags/${tag}`])]));
    for (let i = 1; i < RELEASES.length; i++) {
      const [prev, next] = [RELEASES[i - 1] as string, RELEASES[i] as string];
      const [prevFiles, nextFiles] = [trees.get(prev), trees.get(next)] as [Tree, Tree];
      for (const { name, dir } of repo.packages) {
        const [a, b] = [repo.versions[prev]?.[name] as string, repo.versions[next]?.[name] as string];
        if (packageContent(prevFiles, dir) === packageContent(nextFiles, dir)) {
          assert.equal(b, a, `${name} is unchanged from ${prev} to ${next}`);
        } else {
          changed++;
          assert.ok(isNewer(b, a), `${name} changed from ${prev} to ${next}, so ${b} is newer than ${a}`);
          const patch = /-p\d+$/.exec(next)?.[0];
          if (patch !== undefined) assert.ok(b.endsWith(patch), `${b} ends with ${patch}`);
        }
      }
    }
    assert.equal(changed, (RELEASES.length - 1) * Math.round(0.3 * repo.packages.length), 'changeRate 0.3 of the packages change per release');
  });

  it('requires php and only packages of the monorepo, at constraints their versions at the same tag satisfy', () => {
    let links = 0;
    for (const tag of RELEASES) {
      const versions = repo.versions[tag] as Record<string, string>;
      for (const [name, json] of packageJsons(repo, tag)) {
        const { php, ...others } = json.require as Record<string, string>;
        assert.equal(php, '~8.1.0||~8.2.0||~8.3.0');
        if (name !== 'magento/framework') assert.ok('magento/framework' in others, `${name} requires magento/framework`);
        for (const [other, constraint] of Object.entries(others)) {
          links++;
          const version = versions[other] ?? assert.fail(`${name} requires ${other}, a package of the monorepo`);
          assert.ok(satisfies(version, constraint), `${other} ${version} satisfies ${constraint} (required by ${name} at ${tag})`);
        }
      }
    }
    assert.ok(links > repo.packages.length, 'modules also require other modules');
  });

  it('gives the root composer.json the release version, only php to require, and every package in replace', () => {
    for (const tag of RELEASES) {
      const [json] = readJsons(repo.dir, [`refs/tags/${tag}:composer.json`]);
      assert.equal(json?.name, 'magento/magento2ce');
      assert.equal(json?.type, 'project');
      assert.equal(json?.version, tag);
      assert.deepEqual(json?.require, { php: '~8.1.0||~8.2.0||~8.3.0' });
      assert.deepEqual(json?.replace, Object.fromEntries(repo.packages.map((p) => p.name).sort().map((name) => [name, '*'])));
    }
  });

  it('reports as fileCount the number of files at the last tag', () => {
    assert.equal(repo.fileCount, lsTree(repo.dir, ['-r', `refs/tags/${RELEASES.at(-1)}`]).size);
  });

  it('adds third-party requirements to the root and the framework with thirdParty', async () => {
    const withLibraries = await generate({ thirdParty: true, releases: ['2.4.7'] });
    const [rootJson, frameworkJson] = readJsons(withLibraries.dir, ['2.4.7:composer.json', `2.4.7:${FRAMEWORK_DIR}/composer.json`]);
    for (const json of [rootJson, frameworkJson]) {
      const names = Object.keys(json?.require as Record<string, string>);
      assert.ok(names.some((name) => !name.startsWith('magento/') && name !== 'php'), names.join(', '));
    }
  });

  it('sizes the framework and the root with frameworkFiles and rootFiles, and changes patch releases at patchChangeRate', async () => {
    const releases = ['2.4.7', '2.4.7-p1', '2.4.8'];
    const big = await generate({ releases, modules: 4, languages: 0, frameworkFiles: 60, rootFiles: 200, changeRate: 1, patchChangeRate: 0 });
    const files = (tag: string) => lsTree(big.dir, ['-r', `refs/tags/${tag}`]);
    const [first, patch, minor] = releases.map(files) as [Tree, Tree, Tree];
    const frameworkOwn = [...first.keys()].filter((p) => p.startsWith(`${FRAMEWORK_DIR}/`) && !SUB_FRAMEWORKS.some((s) => p.startsWith(`${FRAMEWORK_DIR}/${s}/`)));
    // The 60 files, its 8 core files, registration.php and composer.json.
    assert.equal(frameworkOwn.length, 60 + 8 + 2);
    const outside = (generated: MagentoMonorepo, tree: Tree) => [...tree.keys()].filter((p) => !generated.packages.some((pkg) => p.startsWith(`${pkg.dir}/`)));
    const outsidePackages = (tree: Tree) => outside(big, tree);
    assert.equal(outsidePackages(first).length, outside(repo, lsTree(repo.dir, ['-r', 'refs/tags/2.4.6'])).length + 200);
    const changed = (a: Tree, b: Tree) => [...b].filter(([path, e]) => a.get(path)?.oid !== e.oid).map(([path]) => path);
    assert.deepEqual(changed(first, patch), ['composer.json', 'composer.lock'], 'a patch release at patchChangeRate 0 changes only the root composer files');
    const inRoot = changed(patch, minor).filter((p) => outsidePackages(minor).includes(p));
    assert.ok(inRoot.length > 100, `a minor release at changeRate 1 edits the generated root files (${inRoot.length} changed)`);
    assert.ok(big.packages.every((p) => big.versions['2.4.8']?.[p.name] !== big.versions['2.4.7-p1']?.[p.name]), 'and every package');
  });

  it('names packages after vendor and keeps the Magento directories', async () => {
    const mageos = await generate({ vendor: 'mage-os', releases: ['2.4.7'], modules: 3, languages: 0, filesPerModule: 7 });
    assert.ok(mageos.packages.every((p) => p.name.startsWith('mage-os/')));
    assert.ok(mageos.packages.some((p) => p.dir === 'app/code/Magento/Store'));
    assert.equal(mageos.packages.filter((p) => p.type === 'magento2-language').length, 0);
    const [json] = readJsons(mageos.dir, ['2.4.7:composer.json']);
    assert.equal(json?.name, 'mage-os/magento2ce');
  });

  it('rejects options it cannot honour, naming the problem', async () => {
    const usage = (pattern: RegExp) => (error: unknown) => error instanceof MageosError && error.code === 'ERR_USAGE' && pattern.test(error.message);
    await assert.rejects(generate({ releases: ['2.4.7', '2.4.7'] }), usage(/"2\.4\.7" is listed twice/));
    await assert.rejects(generate({ releases: ['v2.4.7'] }), usage(/"v2\.4\.7" is not a Magento release version/));
    await assert.rejects(generate({ filesPerModule: 6 }), usage(/filesPerModule/));
    await assert.rejects(generate({ languages: 8 }), usage(/languages/));
  });

  describe('createBaseComposerJsonRepo', () => {
    const covered = ['2.4.6-p1', '2.4.7'];
    let base: BaseComposerJsonRepo;

    before(async () => {
      base = await createBaseComposerJsonRepo({ dir: join(root, 'base-composer-json'), monorepo: repo, releases: covered });
    });

    it('writes one commit on main with the three composer.json files of each covered release', () => {
      assert.deepEqual(base.releases, covered);
      assert.equal(git(base.dir, ['rev-list', '--count', 'main']).trim(), '1');
      const files = [...lsTree(base.dir, ['-r', 'main']).keys()];
      const expected = covered.flatMap((v) => ['magento2-base', 'product-community-edition', 'project-community-edition'].map((d) => `${v}/${d}/composer.json`));
      assert.deepEqual(files, expected.sort());
    });

    it('gives magento2-base the release version, the root requirements and a map of the root entries it deploys', () => {
      for (const tag of covered) {
        const [json, rootJson] = [readJsons(base.dir, [`main:${tag}/magento2-base/composer.json`])[0], readJsons(repo.dir, [`refs/tags/${tag}:composer.json`])[0]];
        assert.equal(json?.name, 'magento/magento2-base');
        assert.equal(json?.type, 'magento2-component');
        assert.equal(json?.version, tag);
        assert.deepEqual(json?.require, rootJson?.require);
        const map = (json?.extra as { map: Array<[string, string]> }).map;
        const sources = map.map(([source, target]) => (assert.equal(target, source), source));
        for (const entry of ['app/autoload.php', 'index.php', 'bin/magento', 'pub/index.php', 'app/etc/di.xml']) assert.ok(sources.includes(entry), entry);
        const tree = [...lsTree(repo.dir, ['-r', `refs/tags/${tag}`]).keys()];
        for (const source of sources) assert.ok(tree.some((path) => path === source || path.startsWith(`${source}/`)), `${source} exists at ${tag}`);
        assert.ok(!sources.some((s) => /^(app\/code|app\/design|app\/i18n|lib\/internal\/Magento\/Framework)\b|^composer\.(json|lock)$|^\.github/.test(s)), sources.join(' '));
      }
    });

    it('makes the product metapackage require magento2-base and every package at its version at that tag', () => {
      for (const tag of covered) {
        const [json] = readJsons(base.dir, [`main:${tag}/product-community-edition/composer.json`]);
        assert.equal(json?.name, 'magento/product-community-edition');
        assert.equal(json?.type, 'metapackage');
        assert.equal(json?.version, tag);
        const { php, 'magento/magento2-base': baseVersion, ...packages } = json?.require as Record<string, string>;
        assert.equal(php, '~8.1.0||~8.2.0||~8.3.0');
        assert.equal(baseVersion, tag);
        assert.deepEqual(packages, repo.versions[tag]);
      }
    });

    it('makes the project require the product at the exact release, from repo.magento.com, stable only', () => {
      for (const tag of covered) {
        const [json] = readJsons(base.dir, [`main:${tag}/project-community-edition/composer.json`]);
        assert.equal(json?.name, 'magento/project-community-edition');
        assert.equal(json?.type, 'project');
        assert.equal(json?.version, tag);
        assert.deepEqual(json?.require, { 'magento/product-community-edition': tag });
        assert.deepEqual(json?.repositories, [{ type: 'composer', url: 'https://repo.magento.com/' }]);
        assert.equal(json?.['minimum-stability'], 'stable');
      }
    });

    it('refuses a release that is not a tag of the monorepo', async () => {
      await assert.rejects(
        createBaseComposerJsonRepo({ dir: join(root, 'base-unknown'), monorepo: repo, releases: ['2.4.8'] }),
        (error) => error instanceof MageosError && error.code === 'ERR_USAGE' && /"2\.4\.8" is not a tag/.test(error.message),
      );
    });
  });
});
