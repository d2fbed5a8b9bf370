// One build of bench/history.bench.ts, run by plain node on dist/ as the command line runs (not a test): no
// TypeScript loader in the process, so its peak memory is the build's. Tells the bench each phase's end and
// each release planned, then the result and its peak resident memory.
import { build } from '../dist/app/builder/build.js';
import { parseConfig } from '../dist/core/config/parse-config.js';
import { tuneV8, tuneV8AfterPhase } from '../dist/cli/v8-flags.js';

const { sources, outDir, cacheDir } = JSON.parse(process.argv[2]);
tuneV8();
const send = (message) => new Promise((resolve) => process.send(message, resolve));
const phases = [];
// Sampled memory of the phase under way, at its highest resident size: where the peak comes from.
let sampled = null;
const sample = () => {
  const m = process.memoryUsage();
  if (sampled === null || m.rss > sampled.rss) sampled = { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external };
};
const sampler = setInterval(sample, 50);
await send({ start: performance.now() });
const result = await build({
  config: parseConfig({ sources }, 'bench'), outDir, cacheDir, offline: true, dryRun: false, keepGoing: true, republish: [],
  onProgress: (p) => {
    if (p.phase === 'plan') process.send({ plan: p.detail?.split(' ')[1] ?? null, at: performance.now() });
  },
  onPhaseEnd: (phase) => {
    // As the command line does (cli/run-build.ts).
    tuneV8AfterPhase(phase);
    sample();
    phases.push(send({ phase, at: performance.now(), memory: sampled }));
    sampled = null;
  },
});
clearInterval(sampler);
await Promise.all(phases);
const { counts, bytesWritten, errors } = result;
await send({ result: { counts, bytesWritten, errors: errors.map((e) => ({ message: e.message })) }, at: performance.now(), maxRssKb: process.resourceUsage().maxRSS });
process.disconnect();
