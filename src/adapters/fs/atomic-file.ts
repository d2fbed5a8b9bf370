import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { makeDirectorySync } from './make-directory.js';

/** Random per process (a pid can come back after a crash), then counted: unique without a random draw per file. */
const RUN = `${process.pid}.${randomBytes(4).toString('hex')}`;
let counter = 0;

/** A unique temporary name in the given directory, for a file that is renamed into place when complete. */
export function temporaryPath(dir: string, finalPath: string): string {
  return join(dir, `${basename(finalPath)}.${RUN}.${(counter++).toString(36)}.tmp`);
}

/**
 * Writes a file under a temporary name in `scratchDir` (on the same file system; the next build empties it), puts
 * it on disk (fsync) and renames it: readers see the old or the new file, never half, and a power cut cannot leave
 * a truncated file under the name either.
 */
export function writeFileAtomicSync(path: string, data: string | Buffer, scratchDir: string): void {
  const tmp = writeTemporarySync(scratchDir, path, data);
  try {
    syncFileSync(tmp);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * Creates `dir` (and its parents) unless `made` says it was created already. Synchronous: for the many files of a
 * build, a system call each costs less than a thread-pool round trip each.
 */
export function makeDirectoryOnce(dir: string, made: Set<string>): void {
  if (made.has(dir)) return;
  makeDirectorySync(dir);
  made.add(dir);
}

/**
 * Writes `data` to a new temporary name in `scratchDir` for the file `path` and returns that name; creates
 * `path`'s directory for the rename (once per `madeDirs`).
 */
export function writeTemporarySync(scratchDir: string, path: string, data: string | Buffer, madeDirs: Set<string> = new Set()): string {
  makeDirectoryOnce(dirname(path), madeDirs);
  const tmp = temporaryPath(scratchDir, path);
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
