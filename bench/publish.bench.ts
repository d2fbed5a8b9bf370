// Benchmark of `publish` to a local S3 API server (s3rver on 127.0.0.1) on a generated Magento-shaped mirror (not a test):
// the first publish, a publish after one new release, a no-op publish, and for comparison a full upload of the same
// directory to a fresh prefix measured in the same run (what a sync without state uploads every time).
// Usage: node --import tsx bench/publish.bench.ts [--modules 240] [--releases 6] [--files 40] [--keep]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createBaseComposerJsonRepo } from '../src/adapters/synthetic/base-composer-json-repo.js';
import { createMagentoMonorepo } from '../src/adapters/synthetic/magento-monorepo.js';
import { createSyntheticSource } from '../src/adapters/synthetic/synthetic-source.js';
import { build } from '../src/app/builder/build.js';
import { localProfileSources } from '../src/app/config/local-profile.js';
import { publish } from '../src/app/publish/publish.js';
import { parseConfig } from '../src/core/config/parse-config.js';
import { s3Environment, startS3Server } from '../test/support/s3-server.js';

const { values } = parseArgs({
  options: {
    modules: { type: 'string', default: '240' },
    releases: { type: 'string', default: '6' },
    files: { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
  },
});
Object.assign(process.env, s3Environment());
const releases = Array.from({ length: Number(values.releases) }, (_, i) => (i === 0 ? '2.4.6' : `2.4.6-p${i}`));
const work = mkdtempSync(join(tmpdir(), 'mageos-publish-bench-'));
const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
const s3 = await startS3Server(['mirror']);
try {
  const monorepo = await createMagentoMonorepo({ dir: join(work, 'magento2'), releases, modules: Number(values.modules), filesPerModule: Number(values.files), seed: 7 });
  const official = await createBaseComposerJsonRepo({ dir: join(work, 'official'), monorepo, releases });
  const generatorFiles = await createSyntheticSource({ dir: join(work, 'generator-files'), layout: 'root-package', tags: ['1.0.0'], filesPerPackage: 1 });
  const sources = localProfileSources('mirror', { 'magento2-base-composer-json': official.dir, 'mirror-generator-files': generatorFiles.dir, magento2: monorepo.dir });
  const last = releases.at(-1) as string;
  const withoutLast = sources.map((s) => (s.name === 'magento2' ? { ...s, tags: { skip: [last] } } : s));
  const out = join(work, 'repo');
  const baseUrl = s3.url('mirror', 'm/');
  const buildWith = async (list: unknown[]) => {
    const result = await build({ config: parseConfig({ sources: list, baseUrl }, 'bench'), outDir: out, cacheDir: join(work, 'cache'), offline: true, dryRun: false, keepGoing: true, republish: [] });
    if (result.errors.length > 0) throw new Error(JSON.stringify(result.errors[0]));
  };
  const run = async (label: string, prefix: string) => {
    const started = performance.now();
    const r = await publish({ repoDir: out, target: { bucket: 'mirror', prefix }, connection: { endpoint: s3.endpoint }, dryRun: false, deletes: true });
    const seconds = (performance.now() - started) / 1000;
    const total = r.files;
    console.log(`${label.padEnd(30)} ${seconds.toFixed(2).padStart(7)} s  uploaded ${String(r.uploaded.length).padStart(5)} of ${total} files, ${mib(r.bytesUploaded).padStart(10)}; hash ${r.phaseMs.hash} ms, list ${r.phaseMs.list} ms`);
    if (label.startsWith('no-op') && r.uploaded.length > 0) console.log(`  not expected on a no-op: ${r.uploaded.map((u) => u.key).join(', ')}`);
    return seconds;
  };
  console.log(`# publish to s3rver on 127.0.0.1 (${new Date().toISOString()}, node ${process.version}); ${releases.length} releases of ${monorepo.packages.length} packages`);
  await buildWith(withoutLast);
  await run(`first publish (${releases.length - 1} releases):`, 'm/');
  await buildWith(sources);
  const incremental = await run('after one new release:', 'm/');
  const noop = await run('no-op publish:', 'm/');
  const full = await run('full upload, fresh prefix:', 'full/');
  console.log(`one new release: ${(incremental / full).toFixed(2)}x the time of a full upload; no-op: ${(noop / full).toFixed(3)}x`);
} finally {
  await s3.close();
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
