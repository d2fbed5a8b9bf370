import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startStaticServer } from '../../src/adapters/http/static-server.js';
import { buildRepo, removeTempDirs, tempDir } from '../app/build-helpers.js';
import { composer } from '../support/composer.js';
import { createLibraryRepo } from '../support/library-repo.js';
import { fileSha1, libraryJson, writeZip } from '../support/package-zips.js';

after(removeTempDirs);

describe('installing packages of an archive source with the real Composer client', () => {
  const out = join(tempDir(), 'repo');
  const zips = tempDir();
  let server: Awaited<ReturnType<typeof startStaticServer>>;
  let source: ReturnType<typeof createLibraryRepo>;

  before(async () => {
    mkdirSync(out, { recursive: true });
    server = await startStaticServer({ root: out, host: '127.0.0.1', port: 0, log: () => {} });
    source = createLibraryRepo(server.url);
    const autoload = (dir: string) => ({ autoload: { 'psr-4': { 'Acme\\Widget\\': dir } } });
    await writeZip(join(zips, 'acme-widget-1.0.1.0-patch1.zip'), {
      'composer.json': libraryJson('acme/widget', '1.0.1-p1', { require: { 'acme/lib-b': '^1.1' }, ...autoload('src/') }),
      'src/Widget.php': '<?php\nnamespace Acme\\Widget;\nclass Widget {}\n',
    });
    await writeZip(join(zips, 'widget-tools-main.zip'), {
      'widget-tools-main/': '',
      'widget-tools-main/composer.json': libraryJson('acme/widget-tools', '2.0.0'),
      'widget-tools-main/README.md': 'tools\n',
    });
    await writeZip(join(zips, 'acme-widget-suite-1.0.0.zip'), {
      'composer.json': JSON.stringify({ name: 'acme/widget-suite', type: 'metapackage', version: '1.0.0', require: { 'acme/widget': '^1.0', 'acme/widget-tools': '^2.0' } }),
    });
    const result = await buildRepo({ baseUrl: server.url, sources: [{ path: source.dir }], archives: [{ path: zips, reason: 'official zips' }] }, out);
    assert.deepEqual(result.errors, []);
  });

  after(async () => {
    await server?.close();
    source?.cleanup();
  });

  it('composer require installs a metapackage zip, the zips it requires and their dependencies built from git; the lock pins the official sha1', async () => {
    const work = tempDir();
    writeFileSync(join(work, 'composer.json'), JSON.stringify({ repositories: [{ type: 'composer', url: server.url }], config: { 'secure-http': false } }));
    const run = await composer(['require', 'acme/widget-suite:^1.0'], { cwd: work, home: join(work, 'home') });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(join(work, 'vendor/acme/widget/src/Widget.php')));
    assert.ok(existsSync(join(work, 'vendor/acme/widget-tools/README.md')), 'Composer strips the single top-level directory');
    assert.ok(existsSync(join(work, 'vendor/acme/lib-b/src/Main.php')), 'a dependency built from git');
    const lock = JSON.parse(readFileSync(join(work, 'composer.lock'), 'utf8'));
    const locked = Object.fromEntries(lock.packages.map((p: { name: string }) => [p.name, p]));
    assert.equal(locked['acme/widget'].version, '1.0.1-p1');
    assert.equal(locked['acme/widget'].dist.shasum, fileSha1(join(zips, 'acme-widget-1.0.1.0-patch1.zip')));
    assert.equal(locked['acme/widget'].dist.url, `${server.url}packages/acme/widget-1.0.1-p1.zip`);
    assert.equal(locked['acme/widget-tools'].dist.shasum, fileSha1(join(zips, 'widget-tools-main.zip')));
  });
});
