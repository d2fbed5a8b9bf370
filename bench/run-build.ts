// Child process of the benchmark: one build, timed from inside, result as JSON on stdout.
import { build } from '../src/app/build/build.js';
import { parseConfig } from '../src/core/config/parse-config.js';

const [source, out, cacheDir] = process.argv.slice(2) as [string, string, string];
const started = performance.now();
const result = await build({
  config: parseConfig({ sources: [{ path: source }] }, 'bench'),
  outDir: out,
  cacheDir,
  offline: true,
  dryRun: false,
  keepGoing: true,
  republish: [],
});
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, built: result.counts.built, planned: result.counts.planned, bytes: result.bytesWritten, errors: result.errors.length, upToDate: result.upToDate }));
