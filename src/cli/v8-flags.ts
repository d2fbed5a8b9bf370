import { setFlagsFromString } from 'node:v8';
import type { BuildPhase } from '../app/builder/build-result.js';

/** A V8 flag and the value the command line gives it. */
interface V8Setting {
  flag: string;
  value: number;
}

/**
 * V8 settings for a short run that reads and writes a lot, each with what it measured; V8 reads both while it
 * runs, so they work when set after start.
 * - Heap growth after a full collection, in percent of what stayed alive (V8 itself lets it grow to several
 *   times that): a build of mirror-inventory (83 MB alive after planning) peaked at 300-330 MB resident, with
 *   this at 250-280 MB; the synthetic benchmark 270 → 200 MB; neither slower.
 * - Work a function does before V8 considers optimizing it (bytes of bytecode run; node 20's V8 default is
 *   67,584): below a few seconds of work, optimizing code that is then run a few more times costs more than it
 *   saves, and the compiler threads take a core from git and the build. mirror-security-package full build:
 *   1.17 → 0.89 s of CPU, 0.89 → 0.82 s; mirror-inventory and the synthetic benchmark (6-8 s) unchanged.
 */
const TUNING: readonly V8Setting[] = [
  { flag: 'heap-growing-percent', value: 50 },
  { flag: 'interrupt-budget', value: 4_000_000 },
];

/**
 * Heap growth while archives are written. Every byte of an ArrayBuffer counts towards the old generation's limit
 * until the next full collection, and git's output reaches the build as Buffers: a synthetic Magento history's
 * write phase (bench:history) takes 1.2 GB from git, so with planning's growth (50%, about 35 MB of room above 40
 * MB alive) V8 started a full collection every ~150 ms, 110-120 of them, most of what it collected being those
 * Buffers. At 100% there are 55-60 and the write phase took 18.6-20.4 s against 21.2-24.0 s, in alternating runs;
 * peak RSS stays planning's (249-260 MiB against 254-262). 150%: 37-39 of them, 17.1 and 18.6 s, but 271-272 MiB,
 * which leaves less room under 300 MiB for the blob cache.
 */
const WRITING: V8Setting = { flag: 'heap-growing-percent', value: 100 };

/** The flags to set, leaving out those given on node's command line (either spelling; node refuses them in NODE_OPTIONS). */
export function v8FlagsToSet(given: readonly string[], tuning: readonly V8Setting[] = TUNING): string[] {
  const mentioned = (flag: string) => given.some((a) => a.includes(flag) || a.includes(flag.replaceAll('-', '_')));
  return tuning.filter((t) => !mentioned(t.flag)).map((t) => `--${t.flag}=${t.value}`);
}

export function tuneV8(): void {
  for (const flag of v8FlagsToSet(process.execArgv)) setFlagsFromString(flag);
}

/** The V8 settings for the phase after `ended`: the write phase's heap growth from the end of planning to its own end. */
export function v8FlagsAfterPhase(ended: BuildPhase, given: readonly string[]): string[] {
  if (ended === 'plan') return v8FlagsToSet(given, [WRITING]);
  if (ended === 'write') return v8FlagsToSet(given, TUNING.filter((t) => t.flag === WRITING.flag));
  return [];
}

/** For a build's onPhaseEnd: sets what v8FlagsAfterPhase gives. */
export function tuneV8AfterPhase(ended: BuildPhase): void {
  for (const flag of v8FlagsAfterPhase(ended, process.execArgv)) setFlagsFromString(flag);
}
