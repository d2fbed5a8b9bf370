// Node's own recursive mkdir (sync and async) loops forever, deaf to signals, where mkdir answers ENOENT for a
// directory whose parent exists (/proc, some network file systems): this one creates one level at a time and stops.
import { mkdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

function isDirectorySync(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** `dir` and those of its parents that do not exist, outermost first; an existing path ends the walk. */
function missingLevels(dir: string, exists: (path: string) => boolean): string[] {
  const levels: string[] = [];
  for (let path = dir; !exists(path); path = dirname(path)) {
    levels.unshift(path);
    if (dirname(path) === path) break;
  }
  return levels;
}

/** A directory that appeared meanwhile (another build made it) is no failure; anything else is thrown, never retried. */
function rethrowUnlessDirectory(error: unknown, isDirectory: boolean): void {
  if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !isDirectory) throw error;
}

/** Creates `dir` and its missing parents. */
export function makeDirectorySync(dir: string): void {
  for (const level of missingLevels(dir, (p) => statSync(p, { throwIfNoEntry: false }) !== undefined)) {
    try {
      mkdirSync(level);
    } catch (error) {
      rethrowUnlessDirectory(error, isDirectorySync(level));
    }
  }
}

/** Creates `dir` and its missing parents (the file system calls in the thread pool). */
export async function makeDirectory(dir: string): Promise<void> {
  const existing = new Set<string>();
  for (let path = dir; ; path = dirname(path)) {
    if ((await stat(path).catch(() => null)) !== null) {
      existing.add(path);
      break;
    }
    if (dirname(path) === path) break;
  }
  for (const level of missingLevels(dir, (p) => existing.has(p))) {
    try {
      await mkdir(level);
    } catch (error) {
      rethrowUnlessDirectory(error, (await stat(level).catch(() => null))?.isDirectory() === true);
    }
  }
}
