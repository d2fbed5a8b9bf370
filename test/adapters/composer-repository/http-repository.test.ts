import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { authorizationFor, loadComposerAuth } from '../../../src/adapters/composer-repository/composer-auth.js';
import { openRepository } from '../../../src/adapters/composer-repository/open-repository.js';
import { isMageosError } from '../../../src/core/errors.js';
import { removeTempDirs, tempDir } from '../../app/build-helpers.js';
import { builtModulesRepository, startAuthServer } from '../../support/verify-fixtures.js';

after(removeTempDirs);

describe('Composer credentials', () => {
  it('are read like Composer: COMPOSER_HOME auth.json, then the project auth.json, then COMPOSER_AUTH, later ones winning', () => {
    const home = tempDir();
    const project = tempDir();
    writeFileSync(join(home, 'auth.json'), JSON.stringify({ 'http-basic': { 'a.example': { username: 'home', password: 'h' }, 'b.example': { username: 'home', password: 'h' } } }));
    writeFileSync(join(project, 'auth.json'), JSON.stringify({ 'http-basic': { 'b.example': { username: 'project', password: 'p' } }, bearer: { 'c.example': 'tok' } }));
    const env = { COMPOSER_HOME: home, COMPOSER_AUTH: JSON.stringify({ 'http-basic': { 'a.example:8443': { username: 'env', password: 'e' } } }) };
    const auth = loadComposerAuth({ env, cwd: project });
    const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    assert.equal(authorizationFor(new URL('https://a.example/packages.json'), auth), basic('home', 'h'));
    assert.equal(authorizationFor(new URL('https://a.example:8443/packages.json'), auth), basic('env', 'e'));
    assert.equal(authorizationFor(new URL('https://b.example/x.zip'), auth), basic('project', 'p'));
    assert.equal(authorizationFor(new URL('https://c.example/x.zip'), auth), 'Bearer tok');
    assert.equal(authorizationFor(new URL('https://d.example/x.zip'), auth), undefined);
  });

  it('a malformed COMPOSER_AUTH is a config error that names it', () => {
    assert.throws(() => loadComposerAuth({ env: { COMPOSER_HOME: tempDir(), COMPOSER_AUTH: '{' }, cwd: tempDir() }), /COMPOSER_AUTH environment variable is not valid JSON/);
  });
});

describe('a repository over HTTP with basic auth', async () => {
  const root = join(tempDir(), 'served');
  mkdirSync(root);
  const server = await startAuthServer(root, 'alice', 's3cret');
  after(() => server.close());
  await builtModulesRepository({ out: root, baseUrl: server.url });
  const auth = loadComposerAuth({ env: { COMPOSER_HOME: tempDir(), COMPOSER_AUTH: JSON.stringify({ 'http-basic': { '127.0.0.1': { username: 'alice', password: 's3cret' } } }) }, cwd: tempDir() });

  it('without credentials it cannot be read (exit 9), with a hint about auth.json', async () => {
    await assert.rejects(openRepository(server.url, { cacheDir: tempDir() }), (error) => {
      return isMageosError(error) && error.code === 'ERR_REPOSITORY_UNREADABLE' && /HTTP 401/.test(error.message) && /auth\.json/.test(error.hint ?? '');
    });
  });

  it('with credentials it lists packages and downloads archives once: the next run takes them from the cache', async () => {
    const cacheDir = tempDir();
    const fetchAll = async () => {
      const repository = await openRepository(server.url, { cacheDir, auth });
      const names = await repository.packageNames();
      for (const v of (await repository.versions('acme/module-b'))?.versions ?? []) {
        const found = await repository.archive(v.dist!);
        assert.equal('archive' in found && (await found.archive.sha1()), v.dist?.shasum);
      }
      await repository.close();
      return names;
    };
    assert.deepEqual(await fetchAll(), ['acme/bundle', 'acme/module-a', 'acme/module-b']);
    const downloads = () => server.requests.filter((r) => r.endsWith('.zip')).length;
    assert.equal(downloads(), 2);
    await fetchAll();
    assert.equal(downloads(), 2, 'no archive downloaded again');
  });

  it('an unreachable server cannot be read (exit 9)', async () => {
    await assert.rejects(openRepository('http://127.0.0.1:9/', { cacheDir: tempDir() }), (error) => isMageosError(error) && error.exitCode === 9 && /cannot be reached/.test(error.message));
  });
});
