// Load test of `serve` on loopback: `node --import tsx bench/serve-load.ts [--clients 50] [--seconds 10] [--requests N]`.
// The server runs in a child process (this script with --serve-dir) so client work does not share its event loop.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startStaticServer } from '../src/adapters/http/static-server.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    requests: { type: 'string' },
    'metadata-files': { type: 'string', default: '200' },
    zips: { type: 'string', default: '4' },
    'serve-dir': { type: 'string' },
  },
});

type Kind = 'metadata' | 'conditional' | 'zip';

interface Sample {
  kind: Kind;
  ms: number;
  bytes: number;
}

async function serveOnly(dir: string): Promise<void> {
  const server = await startStaticServer({ root: dir, port: 0, prefix: '/mirror/' });
  process.stdout.write(`${server.url}\n`);
  await new Promise((resolve) => process.once('SIGTERM', resolve));
  await server.close();
  const cpu = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
}

/** A repository-shaped directory: packages.json, p2 files of a few KB, archives of 1 MiB. */
function generate(dir: string, metadataFiles: number, zips: number): { p2: string[]; zips: string[] } {
  const write = (path: string, content: string | Buffer) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  const names = Array.from({ length: metadataFiles }, (_, i) => `acme/module-${String(i).padStart(3, '0')}`);
  write('packages.json', JSON.stringify({ packages: [], 'metadata-url': '/mirror/p2/%package%.json', 'available-packages': names }));
  for (const [i, name] of names.entries()) {
    const versions = Array.from({ length: 4 + (i % 8) }, (_, v) => ({
      name,
      version: `1.${v}.0`,
      require: { 'php': '>=8.1', 'acme/framework': `^1.${v}` },
      dist: { type: 'zip', url: `http://127.0.0.1/mirror/packages/${name}-1.${v}.0.zip`, shasum: randomBytes(20).toString('hex') },
      description: `Module ${i} of the load test, version 1.${v}.0`,
    }));
    write(`p2/${name}.json`, JSON.stringify({ minified: 'composer/2.0', packages: { [name]: versions } }));
  }
  const zipPaths = Array.from({ length: zips }, (_, i) => `packages/acme/archive-${i}-1.0.0.zip`);
  for (const path of zipPaths) write(path, randomBytes(1024 * 1024));
  return { p2: names.map((name) => `p2/${name}.json`), zips: zipPaths };
}

interface ServerProcess {
  url: string;
  /** Stops the server; resolves with its exit code and the CPU time it used. */
  stop: () => Promise<{ code: number | null; cpuMs: number }>;
}

async function startServerProcess(dir: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve-dir', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  const stop = async () => {
    child.kill('SIGTERM');
    const code = await exited;
    const cpu = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { cpuMs?: number };
    return { code, cpuMs: cpu.cpuMs ?? NaN };
  };
  return { url, stop };
}

function get(agent: Agent, url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; etag: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, etag: res.headers.etag }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function load(url: string, files: { p2: string[]; zips: string[] }): Promise<number> {
  const clients = Number(values.clients);
  const seconds = Number(values.seconds);
  const limit = values.requests === undefined ? Infinity : Number(values.requests);
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const gzip = { 'accept-encoding': 'gzip' };
  const etags = new Map<string, string>();
  for (const path of files.p2) etags.set(path, (await get(agent, url + path, gzip)).etag ?? '');

  const samples: Sample[] = [];
  let errors = 0;
  let issued = 0;
  const firstErrors: string[] = [];
  const deadline = performance.now() + seconds * 1000;
  const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)] as T;

  async function client(): Promise<void> {
    while (performance.now() < deadline && issued < limit) {
      issued += 1;
      const roll = Math.random();
      const kind: Kind = roll < 0.6 ? 'metadata' : roll < 0.9 ? 'conditional' : 'zip';
      const path = kind === 'zip' ? pick(files.zips) : roll < 0.05 ? 'packages.json' : pick(files.p2);
      const headers: Record<string, string> = kind === 'zip' ? {} : kind === 'conditional' ? { ...gzip, 'if-none-match': etags.get(path) ?? '' } : gzip;
      const expected = kind === 'conditional' && path !== 'packages.json' ? 304 : 200;
      const started = performance.now();
      try {
        const reply = await get(agent, url + path, headers);
        if (reply.status !== expected) {
          errors += 1;
          if (firstErrors.length < 5) firstErrors.push(`${path}: ${reply.status} (expected ${expected})`);
        }
        samples.push({ kind, ms: performance.now() - started, bytes: reply.bytes });
      } catch (error) {
        errors += 1;
        if (firstErrors.length < 5) firstErrors.push(`${path}: ${(error as Error).message}`);
      }
    }
  }

  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();

  const report = (label: string, list: Sample[]) => {
    const ms = list.map((s) => s.ms).sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(1).padStart(7);
    console.log(`${label.padEnd(12)} ${String(list.length).padStart(8)} ${(list.length / elapsed).toFixed(0).padStart(8)}/s   p50 ${f(percentile(ms, 50))} ms  p95 ${f(percentile(ms, 95))} ms  p99 ${f(percentile(ms, 99))} ms  max ${f(ms.at(-1) ?? NaN)} ms`);
  };
  const bytes = samples.reduce((sum, s) => sum + s.bytes, 0);
  console.log(`clients: ${clients} keep-alive, ran ${elapsed.toFixed(1)} s`);
  report('all', samples);
  for (const kind of ['metadata', 'conditional', 'zip'] as const) report(kind, samples.filter((s) => s.kind === kind));
  console.log(`errors: ${errors}${firstErrors.length > 0 ? ` (first: ${firstErrors.join('; ')})` : ''}`);
  console.log(`bytes received: ${(bytes / 1024 / 1024).toFixed(0)} MiB (${(bytes / 1024 / 1024 / elapsed).toFixed(0)} MiB/s, gzip on the metadata)`);
  return samples.length + etags.size;
}

if (values['serve-dir'] !== undefined) {
  await serveOnly(values['serve-dir']);
} else {
  const work = mkdtempSync(join(tmpdir(), 'mageos-serve-bench-'));
  try {
    const files = generate(work, Number(values['metadata-files']), Number(values.zips));
    console.log(`# serve load test (${new Date().toISOString()}, node ${process.version})`);
    console.log(`repository: packages.json, ${files.p2.length} p2 files, ${files.zips.length} zips of 1 MiB; mix: 60% metadata GET (gzip), 30% conditional GET (304), 10% zip`);
    const server = await startServerProcess(work);
    let requests = 0;
    try {
      requests = await load(server.url, files);
    } finally {
      const stopped = await server.stop();
      const perRequest = requests > 0 ? ` (${((stopped.cpuMs * 1000) / requests).toFixed(0)} µs per request)` : '';
      console.log(`server: CPU ${(stopped.cpuMs / 1000).toFixed(1)} s${perRequest}, stopped with exit code ${stopped.code}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
