// Times another tool's build of the same repository in the same run, so that "n times faster" survives a noisy
// machine: `--compare-command 'node /path/to/harness.js {out}'` (split on spaces, no shell; {out} is the output
// directory). Each full build gets a new directory; the no-op rebuilds reuse the last one.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { medianOf } from './measure.js';

export interface ReferenceTimes {
  command: string;
  /** Medians, with the fastest and slowest run. */
  full: { ms: number; min: number; max: number };
  noop: { ms: number; min: number; max: number };
}

function timeOnce(argv: string[]): number {
  spawnSync('sync');
  const started = performance.now();
  const child = spawnSync(argv[0] as string, argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - started;
  if (child.error !== undefined || child.status !== 0) throw new Error(`--compare-command failed (${child.error?.message ?? `exit ${child.status}`}): ${child.stderr?.slice(-2000)}`);
  return ms;
}

function median(times: number[]): { ms: number; min: number; max: number } {
  const { middle, min, max } = medianOf(times, (t) => t);
  return { ms: middle, min, max };
}

export function measureReference(command: string, work: string, runs: number): ReferenceTimes {
  const out = join(work, 'reference-out');
  const argv = command.split(/\s+/).filter((a) => a !== '').map((a) => a.replaceAll('{out}', out));
  if (argv.length === 0) throw new Error('--compare-command is empty');
  const full: number[] = [];
  for (let i = 0; i < runs; i++) {
    rmSync(out, { recursive: true, force: true });
    full.push(timeOnce(argv));
  }
  const noop = Array.from({ length: runs }, () => timeOnce(argv));
  return { command, full: median(full), noop: median(noop) };
}
