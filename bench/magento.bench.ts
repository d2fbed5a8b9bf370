// Benchmark of the mirror profile's magento2 rules on a generated Magento-shaped monorepo (not a test).
// Usage: node --import tsx bench/magento.bench.ts [--modules 240] [--releases 8] [--files 40] [--keep]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createBaseComposerJsonRepo } from '../src/adapters/synthetic/base-composer-json-repo.js';
import { createMagentoMonorepo } from '../src/adapters/synthetic/magento-monorepo.js';
import { createSyntheticSource } from '../src/adapters/synthetic/synthetic-source.js';
import { build } from '../src/app/builder/build.js';
import { localProfileSources } from '../src/app/config/local-profile.js';
import { parseConfig } from '../src/core/config/parse-config.js';

const { values } = parseArgs({
  options: {
    modules: { type: 'string', default: '240' },
    releases: { type: 'string', default: '8' },
    files: { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
  },
});
const releases = Array.from({ length: Number(values.releases) }, (_, i) => (i === 0 ? '2.4.6' : `2.4.6-p${i}`));
const work = mkdtempSync(join(tmpdir(), 'mageos-magento-bench-'));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
try {
  const startedGen = performance.now();
  const monorepo = await createMagentoMonorepo({ dir: join(work, 'magento2'), releases, modules: Number(values.modules), filesPerModule: Number(values.files), seed: 7 });
  const official = await createBaseComposerJsonRepo({ dir: join(work, 'official'), monorepo, releases: releases.slice(0, -1) });
  console.log(`# magento2 rules of the mirror profile on a synthetic monorepo (${new Date().toISOString()}, node ${process.version})`);
  console.log(`monorepo: ${monorepo.packages.length} packages, ${releases.length} releases, ${monorepo.fileCount} files at the last tag (generated in ${seconds(performance.now() - startedGen)})`);
  const generatorFiles = await createSyntheticSource({ dir: join(work, 'generator-files'), layout: 'root-package', tags: ['1.0.0'], filesPerPackage: 1 });
  const sources = localProfileSources('mirror', { 'magento2-base-composer-json': official.dir, 'mirror-generator-files': generatorFiles.dir, magento2: monorepo.dir });
  const config = parseConfig({ sources }, 'bench');
  const run = async (label: string) => {
    const started = performance.now();
    const result = await build({ config, outDir: join(work, 'repo'), cacheDir: join(work, 'cache'), offline: true, dryRun: false, keepGoing: true, republish: [] });
    console.log(`${label.padEnd(14)} ${seconds(performance.now() - started).padStart(9)}  built ${result.counts.built}, reused ${result.counts.reused}, errors ${result.errors.length}, ${(result.bytesWritten / 1048576).toFixed(1)} MiB`);
  };
  await run('full build:');
  await run('no-op rebuild:');
  console.log(`peak RSS (sampled): ${(peakRss / 1048576).toFixed(0)} MiB; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  clearInterval(sampler);
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
