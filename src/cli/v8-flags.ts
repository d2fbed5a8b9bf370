import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for a short run that reads and writes a lot, each with what it measured; V8 reads both while it
 * runs, so they work when set after start.
 * - Heap growth after a full collection, in percent of what stayed alive (V8 itself lets it grow to several
 *   times that): a build of mirror-inventory (83 MB alive after planning) peaked at 300-330 MB resident, with
 *   this at 50, 250-280 MB; the synthetic benchmark 270 → 200 MB; neither slower. bench:history (63 Magento
 *   releases, 175 MB alive after planning), planning alone: 50 → 30 peaked at 365-373 MB instead of 378-415 MB for
 *   10% more CPU (11.4 s instead of 10.4 s); 20 at 351-366 MB for 24% more.
 * - Work a function does before V8 considers optimizing it (bytes of bytecode run; node 20's V8 default is
 *   67,584): below a few seconds of work, optimizing code that is then run a few more times costs more than it
 *   saves, and the compiler threads take a core from git and the build. mirror-security-package full build:
 *   1.17 → 0.89 s of CPU, 0.89 → 0.82 s; mirror-inventory and the synthetic benchmark (6-8 s) unchanged.
 */
const TUNING: ReadonlyArray<{ flag: string; value: number }> = [
  { flag: 'heap-growing-percent', value: 30 },
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
