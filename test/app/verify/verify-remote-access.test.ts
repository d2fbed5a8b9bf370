import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { after, describe, it } from 'node:test';
import type { IntegrityReport } from '../../../src/core/verify/integrity-problem.js';
import { removeTempDirs, tempDir } from '../build-helpers.js';
import { builtModulesRepository, editP2, integrityOf } from '../../support/verify-fixtures.js';

after(removeTempDirs);

interface Served {
  origin: string;
  requests: string[];
  close: () => Promise<void>;
}

/** Serves a directory on loopback; `/go/<url-encoded target>` answers 302 to the target. */
async function serve(root: string): Promise<Served> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    if (path.startsWith('/go/')) return void res.writeHead(302, { location: decodeURIComponent(path.slice(4)) }).end();
    readFile(normalize(join(root, decodeURIComponent(path)))).then(
      (body) => res.writeHead(200).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}


describe('verify against a remote repository: what it fetches', async () => {
  const root = join(tempDir(), 'served');
  mkdirSync(root);
  const [home, other] = [await serve(root), await serve(root)];
  after(() => Promise.all([home.close(), other.close()]));
  await builtModulesRepository({ out: root, baseUrl: `${home.origin}/` });
  editP2(root, 'acme/module-b', (versions) => {
    const dist = (i: number) => (versions[i] as { dist: { url: string } }).dist;
    dist(0).url = `${other.origin}/packages/acme/module-b-1.1.0.zip`;
    dist(1).url = 'file:///etc/passwd';
  });
  editP2(root, 'acme/module-a', (versions) => {
    const dist = (versions[0] as { dist: { url: string } }).dist;
    dist.url = `${home.origin}/go/${encodeURIComponent(`${other.origin}/packages/acme/module-a-1.0.1.zip`)}`;
  });
  const refused = (report: IntegrityReport) => report.problems.filter((p) => p.kind === 'dist-refused').map((p) => `${p.package} ${p.version}`);

  it('by default only http(s) URLs on its own origin, redirects included; the report names what was not fetched', async () => {
    const report = await integrityOf(`${home.origin}/`);
    assert.deepEqual(refused(report), ['acme/module-a 1.0.1', 'acme/module-b 1.0.0', 'acme/module-b 1.1.0']);
    assert.deepEqual(report.problems.map((p) => p.kind), ['dist-refused', 'dist-refused', 'dist-refused']);
    assert.match(report.problems[2]?.message ?? '', new RegExp(`${other.origin} is not the repository's origin ${home.origin}, and --allow-host does not name 127\\.0\\.0\\.1`));
    assert.match(report.problems[1]?.message ?? '', /only http and https URLs are fetched, not file:/);
    assert.deepEqual(other.requests, [], 'nothing was asked of the other host');
    assert.deepEqual(report.access, [{ repository: `${home.origin}/`, origin: home.origin, allowedHosts: [], otherOrigins: [], refused: [other.origin, 'file:'].sort() }]);
  });

  it('--allow-host lets it fetch from the hosts named, never a file: URL', async () => {
    const host = other.origin.replace('http://', '');
    const report = await integrityOf(`${home.origin}/`, { otherHosts: [host] });
    assert.deepEqual(refused(report), ['acme/module-b 1.0.0']);
    assert.deepEqual(report.problems.map((p) => p.kind), ['dist-refused']);
    assert.deepEqual(other.requests.sort(), ['/packages/acme/module-a-1.0.1.zip', '/packages/acme/module-b-1.1.0.zip']);
    assert.deepEqual(report.access[0]?.otherOrigins, [other.origin]);
    assert.deepEqual(report.access[0]?.allowedHosts, [host]);
    assert.deepEqual(report.access[0]?.refused, ['file:']);
  });

  it('--allow-any-host lets it fetch from any host', async () => {
    const report = await integrityOf(`${home.origin}/`, { otherHosts: 'any' });
    assert.deepEqual(refused(report), ['acme/module-b 1.0.0']);
    assert.deepEqual(report.access[0]?.allowedHosts, ['*']);
  });

  it('a metadata file past 64 MiB is a problem: the download stops there', async () => {
    const file = join(root, 'p2/acme/module-b.json');
    const original = readFileSync(file);
    writeFileSync(file, `{"packages": {}, "pad": "${' '.repeat(65 * 1024 * 1024)}"}`);
    try {
      const report = await integrityOf(`${home.origin}/`);
      assert.deepEqual(report.problems.filter((p) => p.package === 'acme/module-b').map((p) => `${p.kind} ${p.message}`), [
        `metadata-invalid ${home.origin}/ /p2/acme/module-b.json is larger than 64 MiB; it is not read`,
      ]);
    } finally {
      writeFileSync(file, original);
    }
  });
});
