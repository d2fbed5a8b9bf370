import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startStaticServer } from '../../src/adapters/http/static-server.js';
import { verifyInstall } from '../../src/app/verify/verify-install.js';
import { MageosError } from '../../src/core/errors.js';
import { createLibraryRepo } from '../support/library-repo.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';

after(removeTempDirs);

const sha1 = (file: string) => createHash('sha1').update(readFileSync(file)).digest('hex');

/** A loopback URL whose port was free a moment ago: the repository is built for it, and verify install serves the directory there. */
async function freeLoopbackUrl(): Promise<string> {
  const server = await startStaticServer({ root: tempDir(), port: 0 });
  await server.close();
  return server.url;
}

async function builtLibraryRepository(baseUrl: string): Promise<string> {
  const out = join(tempDir(), 'repo');
  const source = createLibraryRepo(baseUrl);
  try {
    const result = await buildRepo({ baseUrl, sources: [{ path: source.dir, name: 'libs' }] }, out);
    assert.deepEqual(result.errors, []);
  } finally {
    source.cleanup();
  }
  return out;
}

describe('verify install (the real Composer client in a temporary directory)', () => {
  let out: string;
  let baseUrl: string;

  before(async () => {
    baseUrl = `${await freeLoopbackUrl()}mirror/`;
    out = await builtLibraryRepository(baseUrl);
  });

  it('installs a project template with create-project, from the directory served where it was built for', async () => {
    const result = await verifyInstall({ repository: out, package: 'acme/project' });
    assert.equal(result.success, true, result.output);
    assert.equal(result.method, 'create-project');
    assert.equal(result.repositoryUrl, baseUrl);
    assert.deepEqual(result.installed, { name: 'acme/project', version: '1.0.1', distUrl: `${baseUrl}packages/acme/project-1.0.1.zip`, shasum: sha1(join(out, 'packages/acme/project-1.0.1.zip')), fromRepository: true });
    assert.deepEqual(result.packages, [
      { name: 'acme/lib-a', version: '1.0.0', distUrl: `${baseUrl}packages/acme/lib-a-1.0.0.zip`, shasum: sha1(join(out, 'packages/acme/lib-a-1.0.0.zip')), fromRepository: true },
      { name: 'acme/lib-b', version: '1.1.1', distUrl: `${baseUrl}packages/acme/lib-b-1.1.1.zip`, shasum: sha1(join(out, 'packages/acme/lib-b-1.1.1.zip')), fromRepository: true },
    ]);
    assert.deepEqual(result.withoutShasum, []);
    assert.equal(result.output, '');
    assert.equal(result.dir, null);
    assert.ok(result.durationMs > 0);
  });

  it('installs a library with require into a fresh project; --keep leaves the project behind', async () => {
    const result = await verifyInstall({ repository: out, package: 'acme/lib-a', keepDir: true });
    assert.equal(result.success, true, result.output);
    assert.equal(result.method, 'require');
    assert.deepEqual(result.command, ['require', '--no-progress', 'acme/lib-a']);
    assert.equal(result.installed?.version, '1.0.0');
    assert.deepEqual(result.packages.map((p) => `${p.name} ${p.version}`), ['acme/lib-a 1.0.0', 'acme/lib-b 1.1.1']);
    assert.ok(result.dir !== null && existsSync(join(result.dir, 'project/vendor/acme/lib-b/src/Main.php')));
    rmSync(result.dir, { recursive: true, force: true });
  });

  it('a version constraint nothing meets fails with Composer\'s own explanation', async () => {
    const result = await verifyInstall({ repository: out, package: 'acme/lib-a', version: '^9.0' });
    assert.equal(result.success, false);
    assert.notEqual(result.composerExitCode, 0);
    assert.equal(result.installed, null);
    assert.deepEqual(result.packages, []);
    assert.match(result.output, /Your requirements could not be resolved/);
    assert.match(result.output, /requires acme\/lib-a \^9\.0/);
    assert.ok(result.output.split('\n').length <= 61);
  });

  it('installs from a repository URL served by this very process (Composer runs asynchronously)', async () => {
    const port = Number(new URL(baseUrl).port);
    const server = await startStaticServer({ root: out, port, prefix: '/mirror/', log: () => {} });
    try {
      const result = await verifyInstall({ repository: baseUrl, package: 'acme/lib-b', version: '1.1.0' });
      assert.equal(result.success, true, result.output);
      assert.equal(result.repositoryUrl, baseUrl);
      assert.deepEqual(result.installed, { name: 'acme/lib-b', version: '1.1.0', distUrl: `${baseUrl}packages/acme/lib-b-1.1.0.zip`, shasum: sha1(join(out, 'packages/acme/lib-b-1.1.0.zip')), fromRepository: true });
    } finally {
      await server.close();
    }
  });

  it('a directory built for another base URL is refused with the reason and what to do instead', async () => {
    const elsewhere = await builtLibraryRepository('https://repo.example.com/');
    await assert.rejects(verifyInstall({ repository: elsewhere, package: 'acme/lib-a' }), (error: MageosError) => {
      assert.equal(error.code, 'ERR_REPOSITORY_UNREADABLE');
      assert.equal(error.exitCode, 9);
      assert.match(error.message, /was built for https:\/\/repo\.example\.com\/: its archive URLs \(e\.g\. https:\/\/repo\.example\.com\/packages\/acme\/lib-a-1\.0\.0\.zip\) point there/);
      assert.match(error.hint ?? '', /mageos-repo verify install https:\/\/repo\.example\.com\/ <package>/);
      return true;
    });
  });

  it('a missing Composer is a clear error with how to install it', async () => {
    await assert.rejects(verifyInstall({ repository: out, package: 'acme/lib-a', composerBinary: '/nonexistent/composer' }), (error: MageosError) => {
      assert.equal(error.code, 'ERR_COMPOSER_MISSING');
      assert.equal(error.exitCode, 9);
      assert.match(error.message, /cannot run Composer: no executable \/nonexistent\/composer/);
      assert.match(error.hint ?? '', /apt-get install -y composer php-cli php-zip php-curl/);
      return true;
    });
  });
});
