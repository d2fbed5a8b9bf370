import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Random per process (a pid can come back after a crash), then counted: unique without a random draw per file. */
const RUN = `${process.pid}.${randomBytes(4).toString('hex')}`;
let counter = 0;

/** A unique temporary name in the given directory, for a file that is renamed into place when complete. */
export function temporaryPath(dir: string, finalPath: string): string {
  return join(dir, `${basename(finalPath)}.${RUN}.${(counter++).toString(36)}.tmp`);
}

/**
 * Writes a file under a temporary name next to it and renames it: readers see the old or the new file, never
 * half. Synchronous calls: for the many small files of a publish, a system call each costs less than a
 * thread-pool round trip each. `madeDirs` remembers the directories already created.
 */
export function writeFileAtomicSync(path: string, data: string | Buffer, madeDirs: Set<string> = new Set()): void {
  const dir = dirname(path);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  const tmp = temporaryPath(dir, path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
