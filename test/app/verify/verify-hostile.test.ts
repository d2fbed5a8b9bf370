import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { IntegrityReport } from '../../../src/core/verify/integrity-problem.js';
import { removeTempDirs } from '../build-helpers.js';
import { writeZip } from '../../support/package-zips.js';
import { builtModulesRepository, copyRepository, editP2, integrityOf } from '../../support/verify-fixtures.js';

after(removeTempDirs);


const kinds = (report: IntegrityReport) => report.problems.map((p) => `${p.package} ${p.version ?? '-'} ${p.kind}`);
const writeJson = (file: string, value: unknown) => writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
const rootJson = (repo: string) => JSON.parse(readFileSync(join(repo, 'packages.json'), 'utf8')) as Record<string, unknown>;

/** A file beside the repository that no check may ever open: a version entry that would show if it were read. */
function plantOutside(repo: string, relativeToRepo: string): void {
  const file = join(repo, relativeToRepo);
  mkdirSync(dirname(file), { recursive: true });
  writeJson(file, { packages: { 'acme/module-a': [{ name: 'acme/module-a', version: '6.6.6' }] } });
}

describe('verify integrity on a hostile local repository', async () => {
  const clean = await builtModulesRepository();

  it('never opens a dist URL outside the repository (file:, %2f traversal, a symlink out): each is a dist-refused problem', async () => {
    const repo = copyRepository(clean);
    symlinkSync('/etc/passwd', join(repo, 'packages/acme/evil.zip'));
    editP2(repo, 'acme/module-b', (versions) => {
      (versions[0] as { dist: { url: string } }).dist.url = 'file:///etc/passwd';
      (versions[1] as { dist: { url: string } }).dist.url = 'http://127.0.0.1:8080/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd';
    });
    editP2(repo, 'acme/module-a', (versions) => {
      (versions[0] as { dist: { url: string } }).dist.url = 'http://127.0.0.1:8080/packages/acme/evil.zip';
    });
    const report = await integrityOf(repo);
    assert.deepEqual(kinds(report), ['acme/module-a 1.0.1 dist-refused', 'acme/module-b 1.0.0 dist-refused', 'acme/module-b 1.1.0 dist-refused']);
    assert.match(report.problems[0]?.message ?? '', /leads to \/etc\/passwd, outside/);
    assert.match(report.problems[1]?.message ?? '', /"\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" does not name a file inside/);
    assert.match(report.problems[2]?.message ?? '', /file:\/\/\/etc\/passwd is outside the repository directory/);
    assert.equal(report.problems[2]?.details.url, 'file:///etc/passwd');
  });

  it('a file: URL that points inside the repository is read like any other', async () => {
    const repo = copyRepository(clean);
    editP2(repo, 'acme/module-b', (versions) => {
      (versions[0] as { dist: { url: string } }).dist.url = `file://${join(repo, 'packages/acme/module-b-1.1.0.zip')}`;
    });
    assert.deepEqual(kinds(await integrityOf(repo)), []);
  });

  it('checks names from available-packages against Composer\'s rules before they become paths', async () => {
    const repo = copyRepository(clean);
    plantOutside(repo, '../outside.json');
    const root = rootJson(repo);
    root['available-packages'] = [...(root['available-packages'] as string[]), 'acme/../../outside', 'a/..%2f..%2foutside', '__proto__'];
    writeJson(join(repo, 'packages.json'), root);
    const report = await integrityOf(repo);
    assert.equal(report.counts.packages, 3);
    assert.deepEqual(kinds(report), ['(repository) - metadata-invalid', '(repository) - metadata-invalid', '(repository) - metadata-invalid']);
    assert.match(report.problems.map((p) => p.message).join('\n'), /available-packages lists "acme\/\.\.\/\.\.\/outside", which is not a valid package name/);
  });

  it('a metadata-url or include leading outside the repository is a problem of the packages it names, not a read', async () => {
    const repo = copyRepository(clean);
    plantOutside(repo, '../p2/acme/module-a.json');
    writeJson(join(repo, 'packages.json'), { ...rootJson(repo), 'metadata-url': `file://${dirname(repo)}/p2/%package%.json` });
    const report = await integrityOf(repo);
    assert.ok(report.problems.length >= 3);
    assert.ok(report.problems.every((p) => p.kind === 'metadata-invalid' && /is not read: .* is outside the repository directory/.test(p.message)), JSON.stringify(report.problems));
    assert.equal(report.counts.versions, 0);
  });

  it('metadata of the wrong types is a named problem, never a crash or a pass', async () => {
    const cases: Array<[string, (repo: string) => void, RegExp]> = [
      ['"require": "x"', (r) => editP2(r, 'acme/module-b', (v) => void ((v[0] as Record<string, unknown>).require = 'x')), /"require" is a string, not an object/],
      ['"dist": 5', (r) => editP2(r, 'acme/module-b', (v) => void ((v[0] as Record<string, unknown>).dist = 5)), /"dist" is a number, not an object/],
      ['a null version', (r) => editP2(r, 'acme/module-b', (v) => void ((v[0] as Record<string, unknown>).version = null)), /has no version \("version" is null\)/],
      ['deeply nested arrays', (r) => writeJson(join(r, 'p2/acme/module-b.json'), `{"packages":{"acme/module-b":[{"version":"1.0.0","extra":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}}`), /nests deeper than 64 levels/],
      ['"packages": 5 in a p2 file', (r) => writeJson(join(r, 'p2/acme/module-b.json'), { packages: 5 }), /"packages" is a number, not an object/],
      ['entries that are not objects', (r) => writeJson(join(r, 'p2/acme/module-b.json'), { minified: 'composer/2.0', packages: { 'acme/module-b': [5, null] } }), /entry 0 is a number, not an object/],
      ['packages.json a list', (r) => writeJson(join(r, 'packages.json'), '[]'), /packages\.json is not a JSON object/],
      ['packages.json null', (r) => writeJson(join(r, 'packages.json'), 'null'), /packages\.json is not a JSON object/],
      ['available-packages a string', (r) => writeJson(join(r, 'packages.json'), { ...rootJson(r), 'available-packages': 'acme/module-a' }), /"available-packages" is a string, not a list/],
    ];
    for (const [what, damage, message] of cases) {
      const repo = copyRepository(clean);
      damage(repo);
      const report = await integrityOf(repo);
      assert.ok(report.counts.problems > 0, `${what}: passed`);
      assert.ok(report.problems.some((p) => p.kind === 'metadata-invalid' && message.test(p.message)), `${what}: ${JSON.stringify(kinds(report))} ${report.problems.map((p) => p.message).join(' | ')}`);
    }
  });

  it('a metadata file past 64 MiB is a problem, not read', async () => {
    const repo = copyRepository(clean);
    writeFileSync(join(repo, 'p2/acme/module-b.json'), `{"packages": {}, "pad": "${' '.repeat(65 * 1024 * 1024)}"}`);
    const report = await integrityOf(repo);
    assert.deepEqual(kinds(report).filter((k) => k.startsWith('acme/module-b')), ['acme/module-b - metadata-invalid']);
    assert.match(report.problems.find((p) => p.package === 'acme/module-b')?.message ?? '', /p2\/acme\/module-b\.json is larger than 64 MiB; it is not read/);
  });

  it('a composer.json past 16 MiB, recorded or hidden behind a false size, is a problem, not that much memory', async () => {
    const repo = copyRepository(clean);
    const big = `{"name": "acme/module-b", "description": "${' '.repeat(17 * 1024 * 1024)}"}`;
    const [honest, lying] = [join(repo, 'packages/acme/module-b-1.0.0.zip'), join(repo, 'packages/acme/module-b-1.1.0.zip')];
    for (const file of [honest, lying]) {
      rmSync(file);
      await writeZip(file, { 'composer.json': big });
    }
    // The central directory says 100 bytes: only the inflation limit stops it.
    const bytes = readFileSync(lying);
    const central = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(100, central + 24);
    writeFileSync(lying, bytes);
    const report = await integrityOf(repo);
    const found = report.problems.filter((p) => p.package === 'acme/module-b' && p.kind !== 'shasum-mismatch');
    assert.deepEqual(found.map((p) => `${p.version} ${p.kind}`), ['1.0.0 composer-json-invalid', '1.1.0 archive-invalid']);
    assert.match(found[0]?.message ?? '', /composer\.json is \d+ bytes, too large to be read \(limit 16 MiB\)/);
    assert.match(found[1]?.message ?? '', /entry "composer\.json" inflates past 16777216 bytes/);
  });

  it('reads an archive file once however many versions point at it, through one URL or several', async () => {
    const repo = copyRepository(clean);
    const url = (v: Record<string, unknown>) => (v.dist as { url: string }).url;
    editP2(repo, 'acme/module-a', (versions) => {
      const first = versions[0] as Record<string, unknown>;
      const shared = url(first);
      const path = new URL(shared).pathname;
      for (let i = 0; i < 40; i++) {
        const variant = [shared, path.slice(1), `http://other.example/mirror${path}`, `file://${join(repo, path)}`][i % 4];
        versions.push({ ...first, version: `1.0.${i + 10}`, version_normalized: `1.0.${i + 10}.0`, dist: { ...(first.dist as object), url: variant } });
      }
    });
    const opened = countOpens();
    try {
      const report = await integrityOf(repo);
      assert.equal(report.counts.versions, 47);
      assert.deepEqual(kinds(report).filter((k) => !k.includes('unmet')), []);
    } finally {
      opened.restore();
    }
    const shared = opened.count('module-a-1.0.1.zip');
    assert.ok(shared > 0);
    assert.equal(shared, opened.count('module-a-1.0.0.zip'), 'the archive 41 versions point at is opened as often as one that one version points at');
  });
});

/** Counts the files opened by name (zip reads and sha1 streams), patching the built-in modules for this process. */
function countOpens(): { count: (suffix: string) => number; restore: () => void } {
  const require = createRequire(import.meta.url);
  const fsp = require('node:fs/promises') as { open: (...args: unknown[]) => unknown };
  const fs = require('node:fs') as { createReadStream: (...args: unknown[]) => unknown };
  const [open, createReadStream] = [fsp.open, fs.createReadStream];
  const seen: string[] = [];
  fsp.open = (...args: unknown[]) => (seen.push(String(args[0])), open(...args));
  fs.createReadStream = (...args: unknown[]) => (seen.push(String(args[0])), createReadStream(...args));
  syncBuiltinESMExports();
  return {
    count: (suffix) => seen.filter((f) => f.endsWith(suffix)).length,
    restore: () => {
      fsp.open = open;
      fs.createReadStream = createReadStream;
      syncBuiltinESMExports();
    },
  };
}
