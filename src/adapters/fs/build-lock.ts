// A pid lock written by hand: lock libraries judge staleness by age, but a build killed with SIGKILL must not
// block the next build for a timeout, and a dead owner on this host is known for certain.
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { MageosError } from '../../core/errors.js';
import { isAlive } from './process-alive.js';

interface LockOwner {
  pid: number;
  host: string;
  started: string;
  /** Random per acquisition: tells this build's lock from a later one of the same pid. */
  token?: string;
}

interface LockFile {
  text: string;
  ino: number;
  mtimeMs: number;
}

async function readLock(path: string): Promise<LockFile | null> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { text, ino: info.ino, mtimeMs: info.mtimeMs };
  } catch {
    return null;
  }
}

function ownerOf(lock: LockFile): LockOwner | null {
  try {
    const owner = JSON.parse(lock.text) as LockOwner;
    return typeof owner === 'object' && owner !== null && typeof owner.pid === 'number' ? owner : null;
  } catch {
    return null;
  }
}

/** A lock whose owner died on this host; an unreadable one (its owner died before writing it) once it is old enough. */
function isStale(lock: LockFile, owner: LockOwner | null): boolean {
  return owner === null ? Date.now() - lock.mtimeMs > 10_000 : owner.host === hostname() && !isAlive(owner.pid);
}

/** Links `mine` (complete, with our owner) to the lock name: true if the name was free. Whole from the first moment. */
async function create(mine: string, path: string, text: string): Promise<boolean> {
  try {
    await link(mine, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: an exclusive create, written at once.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
  }
  try {
    await writeFile(path, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Replaces the stale lock `stale` by `mine`, unless another build does so first: only the build that creates the
 * takeover marker of this very lock file may replace it, and it does so by one rename. A build that judged the same
 * lock stale a moment later finds the marker, or (the marker gone) finds the lock is no longer the stale one.
 */
async function takeOver(path: string, stale: LockFile, mine: string): Promise<boolean> {
  const id = createHash('sha1').update(`${stale.ino}\0${stale.text}`).digest('hex').slice(0, 16);
  const marker = `${path}.takeover.${id}`;
  try {
    await (await open(marker, 'wx')).close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    const now = await readLock(path);
    if (now === null || now.ino !== stale.ino || now.text !== stale.text) return false;
    await rename(mine, path);
    return true;
  } finally {
    await rm(marker, { force: true });
  }
}

export interface BuildLock {
  /** Throws ERR_LOCK_LOST if the lock file is no longer this build's (deleted, or taken over by another build). */
  check(): Promise<void>;
  /** Deletes the lock file if it is still this build's. */
  release(): Promise<void>;
}

function heldLock(path: string, outDir: string, text: string): BuildLock {
  const holds = async () => (await readLock(path))?.text === text;
  return {
    async check() {
      if (await holds()) return;
      const now = await readLock(path);
      const owner = now === null ? null : ownerOf(now);
      const by = now === null ? 'deleted' : `taken over by ${owner === null ? 'another build' : `build pid ${owner.pid} on ${owner.host}`}`;
      throw new MageosError('ERR_LOCK_LOST', `build of ${outDir} stopped: its lock ${path} was ${by}; it publishes no metadata or state from now on`, {
        hint: 'Let one build at a time write into a repository (never delete the lock of a running build); then run the build again.',
      });
    },
    async release() {
      if (await holds()) await rm(path, { force: true });
    },
  };
}

/** Takes the output directory's lock, or fails fast naming the build that holds it. A dead owner's lock is taken over. */
export async function acquireBuildLock(path: string, outDir: string): Promise<BuildLock> {
  const token = randomBytes(8).toString('hex');
  const text = JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString(), token } satisfies LockOwner);
  const mine = `${path}.${token}.tmp`;
  try {
    await writeFile(mine, text, { flag: 'wx' });
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await create(mine, path, text)) return heldLock(path, outDir, text);
      const current = await readLock(path);
      if (current === null) continue;
      const owner = ownerOf(current);
      if (!isStale(current, owner)) {
        const who = owner === null ? 'another build' : `build pid ${owner.pid} on ${owner.host} (started ${owner.started})`;
        throw new MageosError('ERR_LOCKED', `${outDir} is being written by ${who}`, {
          hint: `Wait for it to finish. If no build is running, delete ${path}.`,
        });
      }
      if (await takeOver(path, current, mine)) return heldLock(path, outDir, text);
    }
    throw new MageosError('ERR_LOCKED', `could not take the lock ${path}`, { hint: `Delete ${path} and ${path}.takeover.* if no build is running.` });
  } finally {
    await rm(mine, { force: true });
  }
}
