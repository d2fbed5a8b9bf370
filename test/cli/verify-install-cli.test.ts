import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startStaticServer } from '../../src/adapters/http/static-server.js';
import { buildRepo, removeTempDirs, tempDir } from '../app/build-helpers.js';
import { runCli } from '../support/cli.js';
import { createLibraryRepo } from '../support/library-repo.js';

after(removeTempDirs);

/** A loopback URL whose port was free a moment ago: the repository is built for it, and verify install serves the directory there. */
async function freeLoopbackUrl(): Promise<string> {
  const server = await startStaticServer({ root: tempDir(), port: 0 });
  await server.close();
  return server.url;
}

describe('mageos-repo verify install (command line)', () => {
  let out: string;

  before(async () => {
    const baseUrl = await freeLoopbackUrl();
    const source = createLibraryRepo(baseUrl);
    out = join(tempDir(), 'repo');
    const result = await buildRepo({ baseUrl, sources: [{ path: source.dir, name: 'libs' }] }, out);
    source.cleanup();
    assert.deepEqual(result.errors, []);
  });

  it('exit 0 when the package installs, with the verdict and the installed packages', () => {
    const run = runCli(['verify', 'install', out, 'acme/lib-a']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^installed acme\/lib-a 1\.0\.0 in [\d.]+ s: 2 packages\n {2}acme\/lib-a 1\.0\.0 sha1 [0-9a-f]{40}\n {2}acme\/lib-b 1\.1\.1 sha1 [0-9a-f]{40}\n$/);
  });

  it('--json reports a project template installed with create-project', () => {
    const run = runCli(['verify', 'install', out, 'acme/project', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.equal(result.ok, true);
    assert.equal(result.check, 'install');
    assert.equal(result.method, 'create-project');
    assert.equal(result.installed.version, '1.0.1');
    assert.deepEqual(result.packages.map((p: { name: string }) => p.name), ['acme/lib-a', 'acme/lib-b']);
  });

  it('exit 8 when Composer cannot install it, with Composer\'s output', () => {
    const run = runCli(['verify', 'install', out, 'acme/lib-a', '^9.0']);
    assert.equal(run.code, 8, run.stderr);
    assert.match(run.stdout, /^failed: composer require --no-progress acme\/lib-a:\^9\.0 exited with code \d+ after [\d.]+ s\n\n/);
    assert.match(run.stdout, /requires acme\/lib-a \^9\.0/);
  });

  it('exit 9 when Composer is missing, with how to install it', () => {
    const run = runCli(['verify', 'install', out, 'acme/lib-a', '--composer', '/nonexistent/composer']);
    assert.equal(run.code, 9);
    assert.match(run.stderr, /ERR_COMPOSER_MISSING: cannot run Composer: no executable \/nonexistent\/composer/);
    assert.match(run.stderr, /hint: .*apt-get install -y composer php-cli php-zip php-curl/);
  });

  it('exit 2 for a timeout that is not a number of seconds', () => {
    const run = runCli(['verify', 'install', out, 'acme/lib-a', '--timeout', 'soon']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--timeout soon is not a number of seconds/);
  });
});
