import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
 * half. With `durable`, the bytes are on disk (fsync) before the rename, so a power cut cannot leave a truncated
 * file under the name either. Synchronous calls: for the many small files of a publish, a system call each costs
 * less than a thread-pool round trip each. `madeDirs` remembers the directories already created.
 */
export function writeFileAtomicSync(path: string, data: string | Buffer, options: { madeDirs?: Set<string>; durable?: boolean } = {}): void {
  const tmp = writeTemporarySync(path, data, options.madeDirs);
  try {
    if (options.durable === true) syncFileSync(tmp);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Writes `data` to a new temporary name beside `path` (creating the directory if needed) and returns that name. */
export function writeTemporarySync(path: string, data: string | Buffer, madeDirs: Set<string> = new Set()): string {
  const dir = dirname(path);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  const tmp = temporaryPath(dir, path);
  try {
    writeFileSync(tmp, data);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  return tmp;
}

function syncFileSync(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
