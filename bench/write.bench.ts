// Write-phase benchmark on big archives (not a test): a root package of tens of MB per release, as magento2-base.
// Usage: node --import tsx bench/write.bench.ts [--files 30000] [--tags 6] [--runs 3] [--keep]
// Prints the write phase's wall time and the cores it kept busy (this process and its git children), and the sha1
// of every archive, compared between the runs.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSyntheticSource } from '../src/adapters/synthetic/synthetic-source.js';
import { DEFAULT_ARCHIVE_WORKERS } from '../src/app/builder/archive-workers.js';
import { build } from '../src/app/builder/build.js';
import { resolveConfig } from '../src/app/config/resolve-config.js';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '30000' },
    tags: { type: 'string', default: '6' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});
const TICK_MS = 10;

/** CPU milliseconds of this process's children: the live ones (/proc) and the ones waited for. */
function childrenCpuMs(): number {
  const self = readFileSync('/proc/self/stat', 'utf8');
  const fields = self.slice(self.lastIndexOf(')') + 2).split(' ');
  let ticks = Number(fields[13]) + Number(fields[14]);
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[1]) === process.pid) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks * TICK_MS;
}

interface Sample { wall: number; node: number; git: number }
const sample = (): Sample => {
  const cpu = process.cpuUsage();
  return { wall: performance.now(), node: (cpu.user + cpu.system) / 1000, git: childrenCpuMs() };
};

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

const work = mkdtempSync(join(tmpdir(), 'mageos-write-bench-'));
try {
  const tags = Array.from({ length: Number(values.tags) }, (_, i) => `1.0.${i}`);
  const source = await createSyntheticSource({ dir: join(work, 'lib'), layout: 'root-package', tags, filesPerPackage: Number(values.files), changeRate: 0.1 });
  const config = await resolveConfig({ sources: [source.dir] });
  console.log(`# write phase of big archives (${new Date().toISOString()}, node ${process.version}): ${tags.length} releases of one root package, ${source.fileCount} files each`);
  let reference: Map<string, string> | undefined;
  const modes = [
    { label: 'one thread', archiveWorkers: { threads: 0, minFiles: 0 } },
    { label: 'workers   ', archiveWorkers: DEFAULT_ARCHIVE_WORKERS },
  ];
  for (let i = 0; i < Number(values.runs) * modes.length; i++) {
    const run = Math.floor(i / modes.length);
    const mode = modes[i % modes.length] as (typeof modes)[number];
    const outDir = join(work, `out-${i}`);
    execFileSync('sync');
    let writeStart: Sample | undefined;
    let writeEnd: Sample | undefined;
    const result = await build({
      config, outDir, archiveWorkers: mode.archiveWorkers, cacheDir: join(work, 'cache'), offline: true, dryRun: false, keepGoing: false, republish: [],
      onProgress: (p) => {
        if (p.phase !== 'build') return;
        writeStart ??= sample();
        if (p.done === p.total) writeEnd = sample();
      },
    });
    const [a, b] = [writeStart as Sample, writeEnd as Sample];
    const wall = b.wall - a.wall;
    const sums = archiveSha1s(outDir);
    reference ??= sums;
    const same = sums.size === reference.size && [...sums].every(([k, v]) => reference?.get(k) === v);
    console.log(
      `run ${run + 1}, ${mode.label}: write ${(wall / 1000).toFixed(2)} s for ${(result.bytesWritten / 1048576).toFixed(0)} MiB; cores: node ${((b.node - a.node) / wall).toFixed(2)}, git ${((b.git - a.git) / wall).toFixed(2)}; archives ${sums.size}, ${same ? 'same bytes as the first build' : 'DIFFERENT BYTES from the first build'}`,
    );
    rmSync(outDir, { recursive: true, force: true });
  }
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
