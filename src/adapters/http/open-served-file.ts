import { constants, type BigIntStats } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

export interface ServedFile {
  handle: FileHandle;
  stat: BigIntStats;
}

/** Whether a resolved path stays below the root and crosses no dotfile, so a symlink cannot reach `/etc` or `.mageos-repo/`. */
function isInside(realRoot: string, real: string): boolean {
  const rel = relative(realRoot, real);
  return rel !== '' && !isAbsolute(rel) && rel.split(sep).every((segment) => !segment.startsWith('.'));
}

/**
 * Opens a regular file below `realRoot` (itself already a real path) for reading, or `undefined` for anything that
 * must be answered 404: missing, a directory or device, or a symlink resolving outside the root.
 */
export async function openServedFile(realRoot: string, relativePath: string): Promise<ServedFile | undefined> {
  let real: string;
  try {
    real = await realpath(join(realRoot, ...relativePath.split('/')));
  } catch {
    return undefined;
  }
  if (!isInside(realRoot, real)) return undefined;
  let handle: FileHandle;
  try {
    // O_NONBLOCK so that a FIFO planted in the root cannot hang the request; it changes nothing for regular files.
    handle = await open(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  const stat = await handle.stat({ bigint: true }).catch(() => undefined);
  if (stat === undefined || !stat.isFile()) {
    await handle.close();
    return undefined;
  }
  return { handle, stat };
}
