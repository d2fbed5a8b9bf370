// Write-phase benchmark on big archives (not a test): a root package of tens of MB per release, as magento2-base.
// Usage: node --import tsx bench/write.bench.ts [--files 30000] [--tags 6] [--runs 3] [--keep] [--dist]
// --dist builds with the compiled dist/ (npm run build first), as the command line runs: from sources, a worker
// thread would load tsx too (~0.3 s CPU and ~20 MB more).
// Sources: a root package of --files files (as magento2-base), one of a third of that (as the framework) and 200
// small modules, each with --tags releases.
// Each build runs in a process of its own; prints the write phase's wall time, the cores it kept busy (node's threads
// and git's processes) and the peak RSS, and checks that every archive has the same bytes in every build.
// Experiments with the write phase add a mode (see buildOnce) and compare it with 'default' in the same run.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSyntheticSource } from '../src/adapters/synthetic/synthetic-source.js';
import type { build as buildFromSources } from '../src/app/builder/build.js';
import { resolveConfig } from '../src/app/config/resolve-config.js';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '30000' },
    tags: { type: 'string', default: '6' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    dist: { type: 'boolean', default: false },
    /** Internal: build `--source` into `--out` in this process and print the figures as JSON. */
    one: { type: 'string' },
    source: { type: 'string', multiple: true },
    out: { type: 'string' },
  },
});
const TICK_MS = 10;

interface Figures { writeMs: number; nodeMs: number; gitMs: number; peakRss: number; bytes: number }

/** CPU milliseconds of this process's children: the live ones (/proc) and the ones waited for. */
function childrenCpuMs(): number {
  const fieldsOf = (stat: string) => stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const self = fieldsOf(readFileSync('/proc/self/stat', 'utf8'));
  let ticks = Number(self[13]) + Number(self[14]);
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const f = fieldsOf(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      if (Number(f[1]) === process.pid) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks * TICK_MS;
}

interface Sample { wall: number; node: number; git: number }
function sample(): Sample {
  const cpu = process.cpuUsage();
  return { wall: performance.now(), node: (cpu.user + cpu.system) / 1000, git: childrenCpuMs() };
}

/** One build in this process; `mode` picks the build options of an experiment. */
async function buildOnce(mode: string, sourceDirs: string[], outDir: string): Promise<Figures> {
  const config = await resolveConfig({ sources: sourceDirs });
  const builder = values.dist ? '../dist/app/builder/build.js' : '../src/app/builder/build.js';
  const { build } = (await import(builder)) as { build: typeof buildFromSources };
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  let start: Sample | undefined;
  let end: Sample | undefined;
  const result = await build({
    config, outDir, cacheDir: join(outDir, '..', 'cache'), offline: true, dryRun: false, keepGoing: false, republish: [],
    onProgress: (p) => {
      if (p.phase !== 'build') return;
      start ??= sample();
      if (p.done === p.total) end = sample();
    },
  });
  clearInterval(sampler);
  const [a, b] = [start as Sample, end as Sample];
  return { writeMs: b.wall - a.wall, nodeMs: b.node - a.node, gitMs: b.git - a.git, peakRss, bytes: result.bytesWritten };
}

function archiveSha1s(dir: string): Map<string, string> {
  const sums = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== '.mageos-repo') walk(join(d, e.name));
      else if (e.name.endsWith('.zip')) sums.set(join(d, e.name).slice(dir.length), createHash('sha1').update(readFileSync(join(d, e.name))).digest('hex'));
    }
  };
  walk(dir);
  return sums;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

if (values.one !== undefined) {
  console.log(JSON.stringify(await buildOnce(values.one, values.source ?? [], values.out as string)));
} else {
  const work = mkdtempSync(join(tmpdir(), 'mageos-write-bench-'));
  try {
    const tags = Array.from({ length: Number(values.tags) }, (_, i) => `1.0.${i}`);
    const source = await createSyntheticSource({ dir: join(work, 'lib'), layout: 'root-package', tags, filesPerPackage: Number(values.files), changeRate: 0.1 });
    // Beside it, as in a Magento release: a second big package and many small ones, in sources of their own.
    const second = await createSyntheticSource({ dir: join(work, 'framework'), vendor: 'frame', layout: 'root-package', tags, filesPerPackage: Math.round(Number(values.files) / 3), changeRate: 0.3 });
    const modules = await createSyntheticSource({ dir: join(work, 'modules'), layout: 'modules', packages: 200, tags, filesPerPackage: 60, changeRate: 0.5 });
    const sources = [source.dir, second.dir, modules.dir].flatMap((dir) => ['--source', dir]);
    console.log(`# write phase of big archives (${new Date().toISOString()}, node ${process.version}): ${tags.length} releases of a root package of ${source.fileCount} files, one of ${second.fileCount} and ${modules.packages.length} modules`);
    const modes = ['default'];
    const figures = new Map<string, Figures[]>(modes.map((m) => [m, []]));
    let reference: Map<string, string> | undefined;
    for (let i = 0; i < Number(values.runs) * modes.length; i++) {
      const mode = modes[i % modes.length] as string;
      const outDir = join(work, `out-${i}`);
      execFileSync('sync');
      const self = fileURLToPath(import.meta.url);
      const f = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', self, '--one', mode, ...(values.dist ? ['--dist'] : []), ...sources, '--out', outDir], { encoding: 'utf8' })) as Figures;
      figures.get(mode)?.push(f);
      const sums = archiveSha1s(outDir);
      reference ??= sums;
      const same = sums.size === reference.size && [...sums].every(([k, v]) => reference?.get(k) === v);
      const cores = (ms: number) => (ms / f.writeMs).toFixed(2);
      console.log(
        `${mode.padEnd(12)} write ${(f.writeMs / 1000).toFixed(2)} s for ${(f.bytes / 1048576).toFixed(0)} MiB; cores: node ${cores(f.nodeMs)}, git ${cores(f.gitMs)}; peak RSS ${(f.peakRss / 1048576).toFixed(0)} MiB; ${sums.size} archives, ${same ? 'same bytes as the first build' : 'DIFFERENT BYTES from the first build'}`,
      );
      rmSync(outDir, { recursive: true, force: true });
    }
    const rss = (fs: Figures[]) => (median(fs.map((f) => f.peakRss)) / 1048576).toFixed(0);
    const node = (fs: Figures[]) => (median(fs.map((f) => f.nodeMs)) / 1000).toFixed(2);
    for (const [mode, fs] of figures) {
      const ms = median(fs.map((f) => f.writeMs));
      const cpu = median(fs.map((f) => (f.nodeMs + f.gitMs) / f.writeMs)).toFixed(2);
      console.log(`median write phase (${mode}): ${(ms / 1000).toFixed(2)} s, ${cpu} cores, node CPU ${node(fs)} s, peak RSS ${rss(fs)} MiB`);
    }
  } finally {
    if (!values.keep) rmSync(work, { recursive: true, force: true });
  }
}
