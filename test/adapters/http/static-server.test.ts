import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { startStaticServer, type StaticServer } from '../../../src/adapters/http/static-server.js';
import { isMageosError } from '../../../src/core/errors.js';
import { makeTempDir } from '../../support/git-fixture.js';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request with the path sent exactly as written (http.request does not normalize `..` or percent-escapes). */
function request(port: number, path: string, options: { method?: string; headers?: OutgoingHttpHeaders; agent?: Agent } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers ?? {}, agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const MTIME = new Date('2024-01-02T03:04:05Z');
const work = makeTempDir('mageos-serve-');
const root = join(work, 'repo');

function write(relative: string, content: string | Buffer): void {
  const path = join(root, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  utimesSync(path, MTIME, MTIME);
}

const packagesJson = JSON.stringify({ packages: [], 'metadata-url': '/mirror/p2/%package%.json', 'available-packages': ['acme/lib'] }, null, 2);
const p2Json = JSON.stringify({ minified: 'composer/2.0', packages: { 'acme/lib': [{ name: 'acme/lib', version: '1.0.0', description: 'x'.repeat(2000) }] } });
const bigJson = JSON.stringify({ packages: { 'acme/big': Array.from({ length: 3000 }, (_, i) => ({ version: `1.0.${i}`, description: `entry ${i}` })) } });
const zip = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 251));

before(() => {
  write('packages.json', packagesJson);
  write('p2/acme/lib.json', p2Json);
  write('p2/acme/big.json', bigJson);
  write('packages/acme/lib-1.0.0.zip', zip);
  write('index.html', '<!doctype html><title>repo</title>');
  write('docs/index.html', '<!doctype html><title>docs</title>');
  write('assets/style.css', 'body { color: black; }');
  write('assets/app.js', 'console.log(1);');
  write('notes.txt', 'notes');
  write('assets/logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  write('assets/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  write('data.bin', Buffer.from([1, 2, 3]));
  write('.mageos-repo/state.json', '{"secret": true}');
  write('p2/.hidden.json', '{}');
  mkdirSync(join(root, 'empty-dir'));
  writeFileSync(join(work, 'secret.txt'), 'outside the root');
  symlinkSync(join(work, 'secret.txt'), join(root, 'outside-link.txt'));
  symlinkSync(work, join(root, 'outside-dir'));
  symlinkSync(join(root, 'packages.json'), join(root, 'inside-link.json'));
  symlinkSync(join(root, '.mageos-repo/state.json'), join(root, 'state-link.json'));
});

after(() => rmSync(work, { recursive: true, force: true }));

describe('static server', () => {
  let server: StaticServer;
  let port: number;
  const logs: string[] = [];

  before(async () => {
    server = await startStaticServer({ root, host: '127.0.0.1', port: 0, prefix: '/mirror/', log: (line) => logs.push(line) });
    port = server.port;
  });

  after(() => server.close());

  describe('serving files', () => {
    it('reports its URL with the prefix and a trailing slash, on the port it got', () => {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/mirror\/$/);
      assert.equal(server.url, `http://127.0.0.1:${port}/mirror/`);
      assert.ok(port > 0);
    });

    it('GET returns the file bytes with type, length, validators and no-cache for packages.json', async () => {
      const reply = await request(port, '/mirror/packages.json');
      assert.equal(reply.status, 200);
      assert.equal(reply.body.toString(), packagesJson);
      assert.equal(reply.headers['content-type'], 'application/json');
      assert.equal(reply.headers['content-length'], String(Buffer.byteLength(packagesJson)));
      assert.equal(reply.headers['cache-control'], 'no-cache');
      assert.equal(reply.headers['last-modified'], MTIME.toUTCString());
      assert.match(reply.headers.etag ?? '', /^"[0-9a-f]+-[0-9a-f]+"$/);
      assert.equal(reply.headers['x-content-type-options'], 'nosniff');
      assert.equal(reply.headers['content-encoding'], undefined);
    });

    it('chooses the content type by extension, application/octet-stream for unknown ones', async () => {
      const expected: Record<string, string> = {
        '/mirror/p2/acme/lib.json': 'application/json',
        '/mirror/packages/acme/lib-1.0.0.zip': 'application/zip',
        '/mirror/index.html': 'text/html; charset=utf-8',
        '/mirror/assets/style.css': 'text/css; charset=utf-8',
        '/mirror/assets/app.js': 'text/javascript; charset=utf-8',
        '/mirror/notes.txt': 'text/plain; charset=utf-8',
        '/mirror/assets/logo.svg': 'image/svg+xml',
        '/mirror/assets/logo.png': 'image/png',
        '/mirror/data.bin': 'application/octet-stream',
      };
      for (const [path, type] of Object.entries(expected)) {
        const reply = await request(port, path);
        assert.equal(reply.status, 200, path);
        assert.equal(reply.headers['content-type'], type, path);
      }
    });

    it('metadata under p2/ must be revalidated; archives under packages/ may be cached for long', async () => {
      assert.equal((await request(port, '/mirror/p2/acme/lib.json')).headers['cache-control'], 'no-cache');
      const archive = await request(port, '/mirror/packages/acme/lib-1.0.0.zip');
      assert.match(archive.headers['cache-control'] ?? '', /max-age=\d{6,}/);
      assert.deepEqual(archive.body, zip);
    });

    it('a symlink to a file inside the root is served', async () => {
      const reply = await request(port, '/mirror/inside-link.json');
      assert.equal(reply.status, 200);
      assert.equal(reply.body.toString(), packagesJson);
    });

    it('a missing file is 404 with a short text body', async () => {
      const reply = await request(port, '/mirror/p2/acme/missing.json');
      assert.equal(reply.status, 404);
      assert.equal(reply.body.toString(), 'Not Found\n');
    });

    it('logs one line per request: method, path, status, bytes, milliseconds', async () => {
      logs.length = 0;
      await request(port, '/mirror/notes.txt');
      await request(port, '/mirror/nope.txt');
      assert.equal(logs.length, 2);
      assert.match(logs[0] ?? '', /^GET \/mirror\/notes\.txt 200 5 B \d+\.\d ms$/);
      assert.match(logs[1] ?? '', /^GET \/mirror\/nope\.txt 404 10 B \d+\.\d ms$/);
    });
  });

  describe('compression', () => {
    it('gzips JSON when the client accepts gzip, and the decoded body equals the file', async () => {
      const reply = await request(port, '/mirror/p2/acme/lib.json', { headers: { 'accept-encoding': 'br, gzip;q=0.8' } });
      assert.equal(reply.status, 200);
      assert.equal(reply.headers['content-encoding'], 'gzip');
      assert.equal(reply.headers.vary, 'Accept-Encoding');
      assert.equal(reply.headers['content-length'], String(reply.body.length));
      assert.ok(reply.body.length < Buffer.byteLength(p2Json));
      assert.equal(gunzipSync(reply.body).toString(), p2Json);
    });

    it('streams a large file through gzip, and sends it unchanged without gzip', async () => {
      const gzipped = await request(port, '/mirror/p2/acme/big.json', { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(gzipped.headers['content-encoding'], 'gzip');
      assert.equal(gzipped.headers['content-length'], undefined, 'streamed, so the compressed length is not known up front');
      assert.equal(gunzipSync(gzipped.body).toString(), bigJson);
      const plain = await request(port, '/mirror/p2/acme/big.json');
      assert.equal(plain.headers['content-length'], String(Buffer.byteLength(bigJson)));
      assert.equal(plain.body.toString(), bigJson);
    });

    it('gzips html, css, js and txt too', async () => {
      for (const path of ['/mirror/index.html', '/mirror/assets/style.css', '/mirror/assets/app.js', '/mirror/notes.txt']) {
        const reply = await request(port, path, { headers: { 'accept-encoding': 'gzip' } });
        assert.equal(reply.headers['content-encoding'], 'gzip', path);
        assert.equal(gunzipSync(reply.body).toString(), readFileSync(join(root, path.slice('/mirror/'.length)), 'utf8'));
      }
    });

    it('sends identity (still with Vary) without Accept-Encoding or when gzip is refused with q=0', async () => {
      for (const headers of [{}, { 'accept-encoding': 'gzip;q=0, deflate' }, { 'accept-encoding': 'identity' }]) {
        const reply = await request(port, '/mirror/packages.json', { headers });
        assert.equal(reply.headers['content-encoding'], undefined);
        assert.equal(reply.headers.vary, 'Accept-Encoding');
        assert.equal(reply.body.toString(), packagesJson);
      }
    });

    it('never gzips a zip archive', async () => {
      const reply = await request(port, '/mirror/packages/acme/lib-1.0.0.zip', { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(reply.headers['content-encoding'], undefined);
      assert.equal(reply.headers.vary, undefined);
      assert.equal(reply.headers['content-length'], String(zip.length));
      assert.deepEqual(reply.body, zip);
    });
  });

  describe('conditional requests', () => {
    it('If-None-Match with the ETag gives 304 without a body, keeping the validators', async () => {
      const first = await request(port, '/mirror/p2/acme/lib.json');
      const etag = first.headers.etag ?? '';
      const reply = await request(port, '/mirror/p2/acme/lib.json', { headers: { 'if-none-match': etag } });
      assert.equal(reply.status, 304);
      assert.equal(reply.body.length, 0);
      assert.equal(reply.headers.etag, etag);
      assert.equal(reply.headers['cache-control'], 'no-cache');
      for (const variant of [`W/${etag}`, `"nope", ${etag}`, '*']) {
        assert.equal((await request(port, '/mirror/p2/acme/lib.json', { headers: { 'if-none-match': variant } })).status, 304, variant);
      }
    });

    it('the gzipped representation has its own ETag, and either one revalidates', async () => {
      const plain = (await request(port, '/mirror/packages.json')).headers.etag ?? '';
      const gzipped = await request(port, '/mirror/packages.json', { headers: { 'accept-encoding': 'gzip' } });
      assert.notEqual(gzipped.headers.etag, plain);
      const revalidated = await request(port, '/mirror/packages.json', { headers: { 'accept-encoding': 'gzip', 'if-none-match': gzipped.headers.etag ?? '' } });
      assert.equal(revalidated.status, 304);
      assert.equal(revalidated.headers.etag, gzipped.headers.etag);
    });

    it('a different ETag gives 200', async () => {
      const reply = await request(port, '/mirror/p2/acme/lib.json', { headers: { 'if-none-match': '"0-0"' } });
      assert.equal(reply.status, 200);
      assert.equal(reply.body.toString(), p2Json);
    });

    it('If-Modified-Since at or after the modification time gives 304, before it 200', async () => {
      const at = await request(port, '/mirror/packages/acme/lib-1.0.0.zip', { headers: { 'if-modified-since': MTIME.toUTCString() } });
      assert.equal(at.status, 304);
      assert.equal(at.body.length, 0);
      const later = await request(port, '/mirror/packages.json', { headers: { 'if-modified-since': new Date(MTIME.getTime() + 60_000).toUTCString() } });
      assert.equal(later.status, 304);
      const earlier = await request(port, '/mirror/packages.json', { headers: { 'if-modified-since': new Date(MTIME.getTime() - 1000).toUTCString() } });
      assert.equal(earlier.status, 200);
      const garbage = await request(port, '/mirror/packages.json', { headers: { 'if-modified-since': 'yesterday' } });
      assert.equal(garbage.status, 200);
    });

    it('If-None-Match wins over If-Modified-Since', async () => {
      const reply = await request(port, '/mirror/packages.json', { headers: { 'if-none-match': '"0-0"', 'if-modified-since': MTIME.toUTCString() } });
      assert.equal(reply.status, 200);
    });

    it('rewriting a file changes its ETag', async () => {
      write('changing.json', '{"a":1}');
      const before = (await request(port, '/mirror/changing.json')).headers.etag;
      write('changing.json', '{"a":12}');
      const after = await request(port, '/mirror/changing.json', { headers: { 'if-none-match': before ?? '' } });
      assert.equal(after.status, 200);
      assert.notEqual(after.headers.etag, before);
    });
  });

  describe('methods', () => {
    it('HEAD returns the headers of GET and no body', async () => {
      const get = await request(port, '/mirror/packages/acme/lib-1.0.0.zip');
      const head = await request(port, '/mirror/packages/acme/lib-1.0.0.zip', { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.body.length, 0);
      for (const name of ['content-type', 'content-length', 'etag', 'last-modified', 'cache-control']) {
        assert.equal(head.headers[name], get.headers[name], name);
      }
      assert.equal((await request(port, '/mirror/missing.json', { method: 'HEAD' })).status, 404);
    });

    it('any other method is 405 with an Allow header', async () => {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
        const reply = await request(port, '/mirror/packages.json', { method });
        assert.equal(reply.status, 405, method);
        assert.equal(reply.headers.allow, 'GET, HEAD');
      }
    });
  });

  describe('prefix, index and directories', () => {
    it('the prefix without its trailing slash redirects to it, keeping the query', async () => {
      const reply = await request(port, '/mirror');
      assert.equal(reply.status, 301);
      assert.equal(reply.headers.location, '/mirror/');
      assert.equal((await request(port, '/mirror?x=1')).headers.location, '/mirror/?x=1');
    });

    it('anything outside the prefix is 404', async () => {
      for (const path of ['/', '/packages.json', '/mirrorx/packages.json', '/other/packages.json', '/Mirror/packages.json']) {
        assert.equal((await request(port, path)).status, 404, path);
      }
    });

    it('a query string is ignored', async () => {
      const reply = await request(port, '/mirror/packages.json?cache-bust=1');
      assert.equal(reply.status, 200);
      assert.equal(reply.body.toString(), packagesJson);
    });

    it('the prefix root serves index.html, and so does a directory holding one', async () => {
      const index = await request(port, '/mirror/');
      assert.equal(index.status, 200);
      assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(index.body.toString(), /<title>repo<\/title>/);
      assert.match((await request(port, '/mirror/docs/')).body.toString(), /<title>docs<\/title>/);
    });

    it('a directory without index.html is 404, never a listing; so is a directory named without its slash', async () => {
      for (const path of ['/mirror/empty-dir/', '/mirror/empty-dir', '/mirror/packages/', '/mirror/packages', '/mirror/p2/acme/', '/mirror/docs']) {
        const reply = await request(port, path);
        assert.equal(reply.status, 404, path);
        assert.equal(reply.body.toString(), 'Not Found\n');
      }
    });

    it('the root without index.html is 404', async () => {
      const bare = makeTempDir('mageos-serve-bare-');
      writeFileSync(join(bare, 'packages.json'), '{}');
      const other = await startStaticServer({ root: bare, port: 0 });
      try {
        assert.match(other.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
        assert.equal((await request(other.port, '/')).status, 404);
        assert.equal((await request(other.port, '/packages.json')).status, 200);
      } finally {
        await other.close();
        rmSync(bare, { recursive: true, force: true });
      }
    });
  });

  describe('refusing what is not part of the repository', () => {
    it('`..` segments, plain or percent-encoded, are 404 even where the target exists', async () => {
      for (const path of ['/mirror/../secret.txt', '/mirror/%2e%2e/secret.txt', '/mirror/.%2e/secret.txt', '/mirror/p2/../packages.json', '/mirror/./packages.json']) {
        const reply = await request(port, path);
        assert.equal(reply.status, 404, path);
        assert.doesNotMatch(reply.body.toString(), /outside the root/);
      }
    });

    it('encoded slashes and backslashes are 404', async () => {
      for (const path of ['/mirror/..%2fsecret.txt', '/mirror/..%2Fsecret.txt', '/mirror/p2%2facme%2flib.json', '/mirror/..%5csecret.txt', '/mirror/p2%5Cacme%5Clib.json']) {
        assert.equal((await request(port, path)).status, 404, path);
      }
    });

    it('NUL bytes are 404', async () => {
      for (const path of ['/mirror/packages.json%00', '/mirror/packages.json%00.zip', '/mirror/%00/packages.json']) {
        assert.equal((await request(port, path)).status, 404, path);
      }
    });

    it('malformed percent-encoding is 400', async () => {
      for (const path of ['/mirror/%zz.json', '/mirror/%e0%a4%a.json', '/mirror/%']) {
        assert.equal((await request(port, path)).status, 400, path);
      }
    });

    it('dotfile segments are 404, so the build state in .mageos-repo/ is never served', async () => {
      for (const path of ['/mirror/.mageos-repo/state.json', '/mirror/%2emageos-repo/state.json', '/mirror/p2/.hidden.json', '/mirror/.mageos-repo/']) {
        const reply = await request(port, path);
        assert.equal(reply.status, 404, path);
        assert.doesNotMatch(reply.body.toString(), /secret/);
      }
    });

    it('symlinks resolving outside the root, or into a dotfile directory, are 404', async () => {
      for (const path of ['/mirror/outside-link.txt', '/mirror/outside-dir/secret.txt', '/mirror/state-link.json']) {
        const reply = await request(port, path);
        assert.equal(reply.status, 404, path);
        assert.doesNotMatch(reply.body.toString(), /outside the root|secret/);
      }
    });

    it('empty segments are 404', async () => {
      assert.equal((await request(port, '/mirror//packages.json')).status, 404);
      assert.equal((await request(port, '/mirror/p2//acme/lib.json')).status, 404);
    });
  });
});

describe('starting and stopping', () => {
  it('close() resolves at once with an idle keep-alive connection open, and closes it', async () => {
    const server = await startStaticServer({ root, port: 0, prefix: '/mirror/' });
    const agent = new Agent({ keepAlive: true });
    const reply = await request(server.port, '/mirror/packages.json', { agent });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.connection, 'keep-alive');
    const sockets = Object.values(agent.freeSockets).flat();
    assert.equal(sockets.length, 1, 'the connection is kept open by the client');
    // The agent unrefs idle sockets; ref it so the test waits for the server's FIN instead of ending the event loop.
    sockets[0]?.ref();
    const closed = new Promise((resolve) => sockets[0]?.once('close', resolve));
    const started = performance.now();
    await server.close();
    await closed;
    assert.ok(performance.now() - started < 900, 'idle connections are closed without waiting for the grace period');
    await assert.rejects(request(server.port, '/mirror/packages.json'), /ECONNREFUSED/);
    agent.destroy();
  });

  it('close() also ends a connection stuck in the middle of a request, after a short grace', async () => {
    const server = await startStaticServer({ root, port: 0 });
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /packages.json HTTP/1.1\r\nHost: x\r\n');
    const ended = new Promise((resolve) => socket.once('close', resolve));
    await server.close();
    await ended;
  });

  it('close() may be called twice', async () => {
    const server = await startStaticServer({ root, port: 0 });
    await Promise.all([server.close(), server.close()]);
  });

  it('normalizes the prefix to a leading and a trailing slash', async () => {
    const server = await startStaticServer({ root, port: 0, prefix: 'mirror/sub' });
    try {
      assert.equal(server.url, `http://127.0.0.1:${server.port}/mirror/sub/`);
      assert.equal((await request(server.port, '/mirror/sub/packages.json')).status, 200);
    } finally {
      await server.close();
    }
  });

  it('an invalid prefix and a port in use are usage errors', async () => {
    await assert.rejects(startStaticServer({ root, port: 0, prefix: '/../' }), (e) => isMageosError(e) && e.code === 'ERR_USAGE');
    const server = await startStaticServer({ root, port: 0 });
    try {
      await assert.rejects(startStaticServer({ root, port: server.port }), (e) => isMageosError(e) && e.code === 'ERR_USAGE' && /already in use/.test(e.message));
    } finally {
      await server.close();
    }
  });

  it('a missing root is a usage error naming it', async () => {
    const missing = join(work, 'no-such-dir');
    await assert.rejects(startStaticServer({ root: missing, port: 0 }), (e) => isMageosError(e) && e.code === 'ERR_USAGE' && e.message.includes(missing));
  });
});
