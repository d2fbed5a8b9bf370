import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';

export interface WriteProblem {
  /** What is wrong with the place, to follow its name: "is on a read-only file system". */
  problem: string;
  hint: string;
  /** What the file system said, to quote after the problem. */
  said: string;
}

const PROBLEMS: Readonly<Record<string, Omit<WriteProblem, 'said'>>> = {
  ENOTDIR: { problem: 'is a file (or lies below one), not a directory', hint: 'Give a directory path.' },
  EEXIST: { problem: 'is a file (or lies below one), not a directory', hint: 'Give a directory path.' },
  EACCES: { problem: 'cannot be written (permission denied)', hint: 'Choose a directory you may write to, or fix its permissions.' },
  EPERM: { problem: 'cannot be written (operation not permitted)', hint: 'Choose a directory you may write to, or fix its permissions.' },
  EROFS: { problem: 'is on a read-only file system', hint: 'Choose a directory on a writable file system.' },
  ENOSPC: { problem: 'is on a full file system', hint: 'Free some space, or choose another directory.' },
};

/** Why nothing can be created at `path`, asked of its nearest existing parent (EROFS, EACCES), or undefined. */
function parentProblem(path: string): NodeJS.ErrnoException | undefined {
  let parent = dirname(path);
  while (!existsSync(parent) && dirname(parent) !== parent) parent = dirname(parent);
  try {
    accessSync(parent, constants.W_OK);
    return undefined;
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/**
 * What a file system error met while creating or writing `path` means, or undefined for one that is not about
 * the place. Node's recursive mkdir reports a read-only file system as ENOENT: the nearest existing parent says.
 */
export function writeProblem(path: string, error: unknown): WriteProblem | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) return undefined;
  const known = PROBLEMS[code];
  if (known !== undefined) return { ...known, said: (error as Error).message };
  if (code !== 'ENOENT') return undefined;
  const parent = parentProblem(path);
  const fromParent = parent?.code === undefined ? undefined : PROBLEMS[parent.code];
  return fromParent === undefined ? undefined : { ...fromParent, said: (parent as Error).message };
}
