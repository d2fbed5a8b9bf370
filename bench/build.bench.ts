// Build benchmark: `npm run bench [-- --repo <path-to-git-repo> [--compare-full S --compare-noop S] [--compare-command CMD]] [--runs N] [--packages N --tags N --files N]`.
// Prints figures measured in this run; the I/O floor is measured in the same run so ratios survive a noisy machine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSyntheticSource } from '../src/adapters/synthetic/synthetic-source.js';
import { type IoFloor, ioFloor } from './io-floor.js';
import { measureBuild, type Measured, medianOf, type Run } from './measure.js';
import { measureReference, type ReferenceTimes } from './reference-command.js';

const { values } = parseArgs({
  options: {
    repo: { type: 'string' },
    packages: { type: 'string', default: '320' },
    tags: { type: 'string', default: '20' },
    files: { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    /** Seconds another tool takes on --repo (full build, no-op rebuild), to print how many times faster we are. */
    'compare-full': { type: 'string' },
    'compare-noop': { type: 'string' },
    /** Another tool's build of --repo, timed in this run: its words split on spaces, {out} its output directory. */
    'compare-command': { type: 'string' },
  },
});
const runs = Math.max(1, Number(values.runs));

const work = mkdtempSync(join(tmpdir(), 'mageos-bench-'));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** The median of `runs` I/O floor measurements. */
async function medianFloor(gitDir: string, oids: string[], target: string): Promise<IoFloor> {
  const measured: IoFloor[] = [];
  for (let i = 0; i < runs; i++) {
    execFileSync('sync');
    measured.push(await ioFloor(gitDir, oids, target));
  }
  return medianOf(measured, (m) => m.ms).middle;
}

function report(label: string, m: Measured, floor: IoFloor, compare: { full?: string; noop?: string } = {}, reference?: ReferenceTimes): void {
  const spread = (r: Run) => (r.runs !== undefined && r.runs > 1 ? `, median of ${r.runs}: ${seconds(r.minWallMs ?? r.wallMs)}-${seconds(r.maxWallMs ?? r.wallMs)}` : '');
  const run = (r: Run) => `${seconds(r.wallMs)} as a command (build ${seconds(r.ms)} + start-up${spread(r)})`;
  const faster = (r: Run, other?: string) => (other === undefined ? '' : `; ${(Number(other) / (r.wallMs / 1000)).toFixed(1)}x faster than the ${other} s given`);
  const cores = (r: Run) => (r.cpuMs / r.wallMs).toFixed(2);
  console.log(`\n## ${label}`);
  console.log(`archives: ${m.full.archives}, files in archives: ${m.full.filesInArchives}, archive bytes: ${mib(m.full.bytes)}`);
  console.log(`I/O floor: ${seconds(floor.ms)} (cat-file pass over ${m.oids.length} blobs ${seconds(floor.readMs)} + writing ${mib(floor.bytes)} with fsync ${seconds(floor.writeMs)})`);
  console.log(`full build:        ${run(m.full)}; ${(m.full.wallMs / floor.ms).toFixed(2)}x the I/O floor; ${cores(m.full)} cores busy on average incl. git${faster(m.full, compare.full)}`);
  const phases = Object.entries(m.full.phaseMs).map(([phase, ms]) => `${phase} ${seconds(ms)}`);
  console.log(`  of which:        ${[...phases, `node start-up, loading and exit ${seconds(m.full.wallMs - m.full.ms)}`].join(', ')}`);
  console.log(`no-op rebuild:     ${run(m.noop)}${faster(m.noop, compare.noop)}`);
  if (m.newTag) console.log(`one-new-tag build: ${run(m.newTag)}; ${m.newTag.built} archives written`);
  if (reference !== undefined) {
    const times = (t: ReferenceTimes['full']) => `${seconds(t.ms)}${runs > 1 ? ` (median of ${runs}: ${seconds(t.min)}-${seconds(t.max)})` : ''}`;
    const ratio = (theirs: number, ours: Run) => `${(theirs / ours.wallMs).toFixed(1)}x`;
    console.log(`reference command: ${reference.command}`);
    console.log(`  full build ${times(reference.full)}, no-op ${times(reference.noop)}, timed in this run`);
    console.log(`  we are ${ratio(reference.full.ms, m.full)} faster on the full build, ${ratio(reference.noop.ms, m.noop)} on the no-op rebuild`);
  }
  console.log(`peak RSS:          ${mib(m.full.maxRss)} (full build), ${mib(m.noop.maxRss)} (no-op)`);
  console.log(`node start-up alone (node -e 0, best of 5): ${seconds(m.nodeStartMs)}`);
}

try {
  const tagCount = Number(values.tags);
  const tags = Array.from({ length: tagCount }, (_, i) => `1.${Math.floor(i / 5)}.${i % 5}`);
  const startedGen = performance.now();
  const synthetic = await createSyntheticSource({
    dir: join(work, 'synthetic'),
    layout: 'modules',
    vendor: 'acme',
    packages: Number(values.packages),
    tags: tags.slice(0, -1),
    filesPerPackage: Number(values.files),
    seed: 42,
  });
  console.log(`# mageos-repo build benchmark (${new Date().toISOString()}, node ${process.version})`);
  console.log(`synthetic source: ${values.packages} packages, ${tagCount} tags, ${synthetic.fileCount} files at the last tag (generated in ${seconds(performance.now() - startedGen)})`);
  const m = await measureBuild({ sourcePath: synthetic.dir, work: join(work, 'synthetic-run'), newTag: tags.at(-1) as string, runs });
  const gitDir = execFileSync('git', ['-C', synthetic.dir, 'rev-parse', '--absolute-git-dir']).toString().trim();
  report('synthetic source', m, await medianFloor(gitDir, m.oids, join(work, 'floor.bin')));
  if (values.repo !== undefined) {
    const real = await measureBuild({ sourcePath: values.repo, work: join(work, 'real-run'), runs });
    const realGitDir = execFileSync('git', ['-C', values.repo, 'rev-parse', '--absolute-git-dir']).toString().trim();
    const compare = { full: values['compare-full'], noop: values['compare-noop'] };
    const reference = values['compare-command'] === undefined ? undefined : measureReference(values['compare-command'], join(work, 'reference-run'), runs);
    report(`real repository ${values.repo}`, real, await medianFloor(realGitDir, real.oids, join(work, 'floor-real.bin')), compare, reference);
  }
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}
