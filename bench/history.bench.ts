// Benchmark of the mirror profile's magento2 rules on a synthetic Magento history shaped like the real one (not a test).
// Usage: npm run bench:history [-- --releases 63 --scale 1 --modules 230 --sha1s FILE --keep] (builds dist/ first: the builds run on it)
// Prints figures measured in this run: the I/O floor is measured in the same run so ratios survive a noisy machine.
import { execFileSync, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBaseComposerJsonRepo } from '../src/adapters/synthetic/base-composer-json-repo.js';
import { createMagentoMonorepo } from '../src/adapters/synthetic/magento-monorepo.js';
import { createSyntheticSource } from '../src/adapters/synthetic/synthetic-source.js';
import type { BuildPhase, BuildResult } from '../src/app/builder/build-result.js';
import { localProfileSources } from '../src/app/config/local-profile.js';
import { archiveBlobs, ioFloor } from './io-floor.js';
import { archiveSha1s } from './measure.js';
import { cpuNow, cpuSince, type CpuTime } from './process-cpu.js';

const { values } = parseArgs({
  options: {
    /** Releases of the history; one more is added on top of it afterwards. */
    releases: { type: 'string', default: '63' },
    /** Files per module, of the framework and of the root, as a share of the real sizes (1: about 40k files a release). */
    scale: { type: 'string', default: '1' },
    modules: { type: 'string', default: '230' },
    /** Writes `<sha1>  <file>` of every archive of the full build there, to compare two builds of the same history. */
    sha1s: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const scale = Number(values.scale);
const MINORS_PATCHES = 6;

/**
 * 2.4.1, 2.4.1-p1 … 2.4.1-p6, 2.4.2, …: a minor release, then its patch releases, as Magento tags them. From 2.4.1:
 * a fix of the mirror profile replaces a file of 2.4.0 with one of the generator's repository, which the bench has not.
 */
function magentoReleases(count: number): string[] {
  const releases: string[] = [];
  for (let minor = 1; releases.length < count; minor++) {
    for (let p = 0; p <= MINORS_PATCHES && releases.length < count; p++) releases.push(p === 0 ? `2.4.${minor}` : `2.4.${minor}-p${p}`);
  }
  return releases;
}

type Outcome = Pick<BuildResult, 'counts' | 'bytesWritten'> & { errors: Array<{ message: string }> };
/** The phase's sampled memory at its highest resident size. */
interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}
type BuildMessage = { start: number } | { plan: string | null; at: number } | { phase: BuildPhase; at: number; memory: Memory | null } | { result: Outcome; at: number; maxRssKb: number };

interface Timed {
  result: Outcome;
  wallMs: number;
  cpu: CpuTime;
  phases: Array<{ phase: BuildPhase; ms: number; cpu: CpuTime; memory: Memory | null }>;
  /** Planning time of each release planned (not taken from the state's plan cache), in build order. */
  planMs: Array<{ tag: string; ms: number }>;
  /** The build process's peak resident memory, as the kernel counts it. */
  peakRss: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MiB`;
const cores = (cpu: CpuTime, ms: number) => `${((cpu.selfMs + cpu.childrenMs) / ms).toFixed(2)} cores (node ${(cpu.selfMs / ms).toFixed(2)} + git ${(cpu.childrenMs / ms).toFixed(2)})`;
const median = (xs: number[]) => (xs.length === 0 ? 0 : ([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number));

const work = mkdtempSync(join(tmpdir(), 'mageos-history-bench-'));
try {
  const history = magentoReleases(Number(values.releases));
  // A patch release of the last minor one, as most new releases are.
  const [last, minor, patch] = /^(2\.4\.\d+)(?:-p(\d+))?$/.exec(history.at(-1) as string) ?? [];
  const added = `${minor ?? last}-p${Number(patch ?? 0) + 1}`;
  const releases = [...history, added];
  const startedGen = performance.now();
  const monorepo = await createMagentoMonorepo({
    dir: join(work, 'magento2'),
    releases,
    modules: Number(values.modules),
    languages: 7,
    filesPerModule: Math.max(7, Math.round(100 * scale)),
    frameworkFiles: Math.max(1, Math.round(3000 * scale)),
    rootFiles: Math.round(14000 * scale),
    changeRate: 0.8,
    patchChangeRate: 0.04,
    seed: 7,
  });
  // The official composer.json files cover the history; the release added on top derives its own, as a new one would.
  const official = await createBaseComposerJsonRepo({ dir: join(work, 'official'), monorepo, releases: history });
  const generatorFiles = await createSyntheticSource({ dir: join(work, 'generator-files'), layout: 'root-package', tags: ['1.0.0'], filesPerPackage: 1 });
  const gitDir = join(monorepo.dir, '.git');
  const git = (...args: string[]) => execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 1 << 28 }).toString().trim();
  const addedCommit = git('rev-parse', `${added}^{commit}`);
  git('tag', '-d', added);
  const sizes = git('ls-tree', '-r', '-l', history.at(-1) as string).split('\n').map((line) => ({ path: line.split('\t')[1] as string, size: Number(line.split(/\s+/)[3]) }));
  const inBase = sizes.filter((f) => !/^(app\/code|app\/design|app\/i18n|lib\/internal\/Magento\/Framework)\//.test(f.path));
  const total = (files: typeof sizes) => files.reduce((n, f) => n + f.size, 0);
  const minors = history.filter((r) => !r.includes('-p')).length;
  console.log(`# magento2 rules of the mirror profile on a synthetic Magento history (${new Date().toISOString()}, node ${process.version})`);
  console.log(`history: ${history.length} releases (${minors} minor, ${history.length - minors} patch), ${monorepo.packages.length} packages`);
  console.log(`  at ${history.at(-1)}: ${sizes.length} files, ${mib(total(sizes))}; root (magento2-base and the files it leaves out) ${inBase.length} files, ${mib(total(inBase))}`);
  console.log(`  generated in ${seconds(performance.now() - startedGen)}; then ${added} is added on top`);

  const sources = localProfileSources('mirror', { 'magento2-base-composer-json': official.dir, 'mirror-generator-files': generatorFiles.dir, magento2: monorepo.dir });
  const out = join(work, 'repo');
  // Each build runs in its own process, as the command line does: on dist/, without the TypeScript loader.
  const run = (): Promise<Timed> =>
    new Promise((resolve, reject) => {
      execFileSync('sync');
      const child = fork(fileURLToPath(new URL('history-build.mjs', import.meta.url)), [JSON.stringify({ sources, outDir: out, cacheDir: join(work, 'cache') })], { execArgv: [] });
      const phases: Timed['phases'] = [];
      const marks: Array<{ tag: string | undefined; at: number }> = [];
      let started = { at: 0, cpu: { selfMs: 0, childrenMs: 0 } };
      let phaseStarted = started;
      child.on('message', (m: BuildMessage) => {
        const now = { at: 'at' in m ? m.at : 'start' in m ? m.start : 0, cpu: cpuNow(child.pid) };
        if ('start' in m) started = phaseStarted = now;
        else if ('plan' in m) marks.push({ tag: m.plan ?? undefined, at: m.at });
        else if ('phase' in m) {
          phases.push({ phase: m.phase, ms: now.at - phaseStarted.at, cpu: cpuSince(phaseStarted.cpu, now.cpu), memory: m.memory });
          phaseStarted = now;
        } else if ('result' in m) {
          const planMs = marks.slice(0, -1).map((mark, i) => ({ tag: mark.tag as string, ms: (marks[i + 1] as { at: number }).at - mark.at }));
          if (m.result.errors.length > 0) console.log(`  errors: ${m.result.errors.slice(0, 3).map((e) => e.message).join('; ')}`);
          resolve({ result: m.result, wallMs: now.at - started.at, cpu: cpuSince(started.cpu, now.cpu), phases, planMs, peakRss: m.maxRssKb * 1024 });
        }
      });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`build process exited with ${code}`))));
    });
  const describe = (label: string, t: Timed) => {
    const { counts, bytesWritten, errors } = t.result;
    console.log(`${label} ${seconds(t.wallMs)}; built ${counts.built}, reused ${counts.reused}, ${mib(bytesWritten)} written, errors ${errors.length}; ${cores(t.cpu, t.wallMs)}; peak RSS ${mib(t.peakRss)}`);
    const memory = (m: Memory | null) => (m === null ? '' : `; RSS up to ${mib(m.rss)} (heap ${mib(m.heapUsed)} used of ${mib(m.heapTotal)}, external ${mib(m.external)})`);
    for (const p of t.phases) if (p.ms >= 1) console.log(`  ${p.phase.padEnd(9)} ${seconds(p.ms).padStart(9)}  ${cores(p.cpu, p.ms)}${memory(p.memory)}`);
  };

  const full = await run();
  const floor = await ioFloor(gitDir, await archiveBlobs(gitDir, out), join(work, 'floor.bin'));
  console.log(`\nI/O floor: ${seconds(floor.ms)} (cat-file pass over the blobs of every archive ${seconds(floor.readMs)}, ${mib(floor.bytes)}; writing as many bytes with fsync ${seconds(floor.writeMs)})`);
  describe(`full build:    ${(full.wallMs / floor.ms).toFixed(2)}x the floor,`, full);
  const planned = full.planMs;
  const of = (pick: (tag: string) => boolean) => planned.filter((p) => pick(p.tag)).map((p) => p.ms);
  const half = Math.floor(planned.length / 2);
  console.log(`  plan ms per release: median ${median(planned.map((p) => p.ms)).toFixed(0)}; minor releases ${median(of((t) => !t.includes('-p'))).toFixed(0)}, patch releases ${median(of((t) => t.includes('-p'))).toFixed(0)}; first half ${median(planned.slice(0, half).map((p) => p.ms)).toFixed(0)}, second half ${median(planned.slice(half).map((p) => p.ms)).toFixed(0)}`);
  console.log(`  ${planned.map((p) => `${p.tag} ${p.ms.toFixed(0)}`).join(', ')}`);
  const sha1s = archiveSha1s(out);
  console.log(`  archives: ${sha1s.length}, sha1 of their sha1 list: ${createHash('sha1').update(sha1s.join('\n')).digest('hex')}${values.sha1s === undefined ? ' (--sha1s FILE writes the list)' : ` (list in ${values.sha1s})`}`);
  if (values.sha1s !== undefined) writeFileSync(values.sha1s, `${sha1s.join('\n')}\n`);

  describe('\nno-op rebuild:', await run());
  git('tag', added, addedCommit);
  const next = await run();
  describe(`new release ${added} on top:`, next);
  const planNext = next.planMs.find((p) => p.tag === added)?.ms ?? 0;
  console.log(`  against the full build: ${((100 * next.wallMs) / full.wallMs).toFixed(1)}% of its time, ${((100 * next.result.bytesWritten) / full.result.bytesWritten).toFixed(1)}% of its bytes, ${((100 * next.result.counts.built) / full.result.counts.built).toFixed(1)}% of its archives; planning ${added} took ${planNext.toFixed(0)} ms`);
  // What the release changed, as bytes: the archives it added, read from git and written, measured now.
  const nextFloor = await ioFloor(gitDir, await archiveBlobs(gitDir, out, (a) => a.tag === added), join(work, 'floor.bin'));
  console.log(`  against the I/O floor of the archives it added (${mib(nextFloor.bytes)}: read ${seconds(nextFloor.readMs)}, written with fsync ${seconds(nextFloor.writeMs)}): ${(next.wallMs / nextFloor.ms).toFixed(2)}x`);
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}
