import { setFlagsFromString } from 'node:v8';

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
const TUNING: ReadonlyArray<{ flag: string; value: number }> = [
  { flag: 'heap-growing-percent', value: 50 },
  { flag: 'interrupt-budget', value: 4_000_000 },
];

/** The flags to set, leaving out those given on node's command line or in NODE_OPTIONS (either spelling). */
export function v8FlagsToSet(given: readonly string[]): string[] {
  const mentioned = (flag: string) => given.some((a) => a.includes(flag) || a.includes(flag.replaceAll('-', '_')));
  return TUNING.filter((t) => !mentioned(t.flag)).map((t) => `--${t.flag}=${t.value}`);
}

export function tuneV8(): void {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  for (const flag of v8FlagsToSet(given)) setFlagsFromString(flag);
}
