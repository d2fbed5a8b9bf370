// Verify benchmark: `node --import tsx bench/verify.bench.ts [--packages 500 --versions 20 --files 4] [--no-http]`.
// Writes a repository of packages × versions archives straight with ZipWriter (no git), then times
// `verify integrity`, `verify parity` against itself, and parity against the same repository served over HTTP
// by a child process (cold cache, then warm).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openRepository } from '../src/adapters/composer-repository/open-repository.js';
import { startStaticServer } from '../src/adapters/http/static-server.js';
import { ZipWriter } from '../src/adapters/zip/zip-writer.js';
import { verifyIntegrity } from '../src/app/verify/verify-integrity.js';
import { verifyParity } from '../src/app/verify/verify-parity.js';
import { minifyVersions } from '../src/core/metadata/minify.js';

const { values } = parseArgs({
  options: {
    packages: { type: 'string', default: '500' },
    versions: { type: 'string', default: '20' },
    files: { type: 'string', default: '4' },
    'no-http': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    serve: { type: 'string' },
  },
});

if (values.serve !== undefined) {
  // Child mode: serve the directory until killed, the URL on stdout.
  const server = await startStaticServer({ root: values.serve, host: '127.0.0.1', port: 0 });
  process.stdout.write(`${server.url}\n`);
  await new Promise(() => {});
}
const [packages, versions, files] = [Number(values.packages), Number(values.versions), Number(values.files)];
const work = mkdtempSync(join(tmpdir(), 'mageos-verify-bench-'));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** One package version's archive: composer.json plus `files` small PHP files, one of them executable. */
async function writeArchive(path: string, composerJson: object, seed: number): Promise<{ sha1: string }> {
  mkdirSync(dirname(path), { recursive: true });
  const zip = await ZipWriter.create(path, 'mageos');
  await zip.addFile('composer.json', Buffer.from(JSON.stringify(composerJson, null, 2)), { executable: false });
  for (let f = 0; f < files; f++) {
    await zip.addFile(`src/File${f}.php`, Buffer.from(`<?php\n// file ${f} of version ${seed}\n${'x'.repeat(200 + ((seed * 31 + f) % 500))}\n`), { executable: f === 0 });
  }
  return zip.finish();
}

async function generate(root: string, baseUrl: string): Promise<void> {
  const names = Array.from({ length: packages }, (_, i) => `bench/module-${String(i).padStart(4, '0')}`);
  for (const [i, name] of names.entries()) {
    const entries: Record<string, unknown>[] = [];
    for (let v = versions - 1; v >= 0; v--) {
      const version = `1.${Math.floor(v / 10)}.${v % 10}`;
      const require: Record<string, string> = { php: '>=8.1', 'ext-json': '*' };
      if (i > 0) require[names[i - 1] as string] = '^1.0';
      const composerJson = { name, description: `Module ${i}`, type: 'library', version, require, license: ['MIT'] };
      const file = `packages/${name}-${version}.zip`;
      const { sha1 } = await writeArchive(join(root, file), composerJson, i * versions + v);
      const { version: _v, name: _n, ...rest } = composerJson;
      entries.push({ name, version, version_normalized: `${version}.0`, ...rest, time: '2024-01-01T00:00:00+00:00', dist: { type: 'zip', url: `${baseUrl}${file}`, reference: 'abc', shasum: sha1 } });
    }
    write(join(root, 'p2', `${name}.json`), JSON.stringify({ minified: 'composer/2.0', packages: { [name]: minifyVersions(entries) } }));
  }
  write(join(root, 'packages.json'), JSON.stringify({ packages: [], 'metadata-url': '/p2/%package%.json', 'available-packages': names }));
}

async function timed<T>(label: string, run: () => Promise<T>, summary: (result: T) => string): Promise<void> {
  const started = performance.now();
  const result = await run();
  console.log(`${label.padEnd(40)} ${seconds(performance.now() - started).padStart(8)}  ${summary(result)}`);
}

try {
  const root = join(work, 'repo');
  mkdirSync(root);
  const server = values['no-http'] ? null : spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', root], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = server === null ? null : String((await once(server.stdout as NodeJS.ReadableStream, 'data'))[0]).trim();
  const startedGen = performance.now();
  await generate(root, url ?? 'http://127.0.0.1:8080/');
  console.log(`# mageos-repo verify benchmark (${new Date().toISOString()}, node ${process.version})`);
  console.log(`repository: ${packages} packages x ${versions} versions = ${packages * versions} archives of ${files + 1} entries (generated in ${seconds(performance.now() - startedGen)})`);
  const cacheDir = join(work, 'cache');
  const repo = () => openRepository(root, { cacheDir });
  await timed('verify integrity (directory)', async () => verifyIntegrity({ repository: await repo() }), (r) => `${r.counts.versions} versions, ${r.counts.archives} archives, ${r.counts.problems} problems`);
  await timed('verify parity against itself (directory)', async () => verifyParity({ ours: await repo(), reference: await repo() }), (r) => `${r.counts.compared} compared, ${r.counts.identical} identical`);
  if (server !== null && url !== null) {
    for (const pass of ['cold cache', 'warm cache']) {
      await timed(`verify parity against HTTP (${pass})`, async () => {
        const reference = await openRepository(url, { cacheDir });
        try {
          return await verifyParity({ ours: await repo(), reference });
        } finally {
          await reference.close();
        }
      }, (r) => `${r.counts.compared} compared, ${r.counts.identical} identical`);
    }
    server.kill();
  }
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}
