import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startStaticServer } from '../../src/adapters/http/static-server.js';
import { readZipEntry } from '../../src/adapters/zip/zip-reader.js';
import { buildRepo, removeTempDirs, tempDir } from '../app/build-helpers.js';
import { composer } from '../support/composer.js';
import { createLibraryRepo, releaseLibA110 } from '../support/library-repo.js';

after(removeTempDirs);

const sha1 = (file: string) => createHash('sha1').update(readFileSync(file)).digest('hex');

describe('installing from a built repository with the real Composer client (served under a sub-path)', () => {
  const out = join(tempDir(), 'repo');
  let server: Awaited<ReturnType<typeof startStaticServer>>;
  let baseUrl: string;
  let source: ReturnType<typeof createLibraryRepo>;

  before(async () => {
    mkdirSync(out, { recursive: true });
    server = await startStaticServer({ root: out, host: '127.0.0.1', port: 0, prefix: '/mirror/', log: () => {} });
    baseUrl = server.url;
    assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/mirror\/$/);
    source = createLibraryRepo(baseUrl);
    const result = await buildRepo({ baseUrl, sources: [{ path: source.dir, name: 'libs' }] }, out);
    assert.deepEqual(result.errors, []);
  });

  after(async () => {
    await server?.close();
    source?.cleanup();
  });

  it('writes packages.json with full-path metadata URLs and lists only the packages it serves', () => {
    const root = JSON.parse(readFileSync(join(out, 'packages.json'), 'utf8'));
    assert.equal(root['metadata-url'], '/mirror/p2/%package%.json');
    assert.deepEqual(root['available-packages'], ['acme/lib-a', 'acme/lib-b', 'acme/project']);
    const p2 = JSON.parse(readFileSync(join(out, 'p2/acme/lib-b.json'), 'utf8'));
    assert.equal(p2.minified, 'composer/2.0');
    const [newest, older] = p2.packages['acme/lib-b'];
    assert.equal(newest.version, '1.1.1');
    assert.equal(older.version, '1.1.0', 'versions newest first; later entries only carry what changed');
    assert.equal(older.name, undefined);
    assert.equal(newest.dist.url, `${baseUrl}packages/acme/lib-b-1.1.1.zip`);
    assert.equal(newest.dist.shasum, sha1(join(out, 'packages/acme/lib-b-1.1.1.zip')));
  });

  it('composer create-project installs the project template and its dependencies', async () => {
    const work = tempDir();
    const run = await composer(['create-project', `--repository-url=${baseUrl}`, 'acme/project', 'app'], { cwd: work, home: join(work, 'home') });
    assert.equal(run.code, 0, run.stderr);
    const app = join(work, 'app');
    assert.ok(existsSync(join(app, 'vendor/acme/lib-a/src/Main.php')));
    assert.ok(existsSync(join(app, 'vendor/acme/lib-b/src/Main.php')));
    const lock = JSON.parse(readFileSync(join(app, 'composer.lock'), 'utf8'));
    const locked = Object.fromEntries(lock.packages.map((p: { name: string; version: string }) => [p.name, p]));
    assert.equal(locked['acme/lib-b'].version, '1.1.1');
    assert.equal(locked['acme/lib-b'].dist.url, `${baseUrl}packages/acme/lib-b-1.1.1.zip`);
    assert.equal(locked['acme/lib-b'].dist.shasum, sha1(join(out, 'packages/acme/lib-b-1.1.1.zip')));
    assert.equal(locked['acme/lib-a'].dist.shasum, sha1(join(out, 'packages/acme/lib-a-1.0.0.zip')));
  });

  it('composer require installs a library, and after a new tag and a rebuild the new version', async () => {
    const work = tempDir();
    const home = join(work, 'home');
    writeFileSync(join(work, 'composer.json'), JSON.stringify({ repositories: [{ type: 'composer', url: baseUrl }], config: { 'secure-http': false } }));
    const first = await composer(['require', 'acme/lib-a:^1.0'], { cwd: work, home });
    assert.equal(first.code, 0, first.stderr);
    assert.match(readFileSync(join(work, 'vendor/acme/lib-a/src/Main.php'), 'utf8'), /VERSION = '1\.0\.0'/);
    releaseLibA110(source);
    const rebuilt = await buildRepo({ baseUrl, sources: [{ path: source.dir, name: 'libs' }] }, out);
    assert.equal(rebuilt.counts.built, 2, 'lib-a 1.1.0 and the project at 1.1.0');
    const update = await composer(['update', 'acme/lib-a'], { cwd: work, home });
    assert.equal(update.code, 0, update.stderr);
    assert.ok(existsSync(join(work, 'vendor/acme/lib-a/src/New.php')));
  });

  it('every archived composer.json passes composer validate', async () => {
    const state = JSON.parse(readFileSync(join(out, '.mageos-repo/state.json'), 'utf8'));
    const work = tempDir();
    for (const artifact of Object.values(state.artifacts) as Array<{ file: string; name: string }>) {
      const json = await readZipEntry(join(out, artifact.file), 'composer.json');
      const dir = join(work, artifact.file.replace(/\W/g, '_'));
      mkdirSync(dir);
      writeFileSync(join(dir, 'composer.json'), json ?? '');
      const run = await composer(['validate', '--no-check-all', '--no-check-publish', '--no-check-lock'], { cwd: dir, home: join(work, 'home') });
      assert.equal(run.code, 0, `${artifact.file}: ${run.stdout}${run.stderr}`);
    }
  });
});
