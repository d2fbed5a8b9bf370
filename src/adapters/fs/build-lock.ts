// A pid lock written by hand: lock libraries judge staleness by age, but a build killed with SIGKILL must not
// block the next build for a timeout, and a dead owner on this host is known for certain.
import { hostname } from 'node:os';
import { readFileSync } from 'node:fs';
import { open, readFile, rm, stat } from 'node:fs/promises';
import { MageosError } from '../../core/errors.js';

interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

/** Whether /proc says the process has ended but is not yet reaped by its parent (false without a /proc entry). */
function isZombie(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  // "pid (command) state ...": the command may hold spaces and parentheses, the state follows the last ")".
  const state = stat.charAt(stat.lastIndexOf(')') + 2);
  return state === 'Z' || state === 'X';
}

function isAlive(pid: number): boolean {
  // A build killed a moment ago keeps its pid until its parent reaps it, but writes nothing any more.
  if (isZombie(pid)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

/** An unreadable lock is one whose owner died between creating and writing it, once it is old enough. */
async function olderThan(path: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs > ms;
  } catch {
    return true;
  }
}

export interface BuildLock {
  release(): Promise<void>;
}

/** Takes the output directory's lock, or fails fast naming the build that holds it. A dead owner's lock is taken over. */
export async function acquireBuildLock(path: string, outDir: string): Promise<BuildLock> {
  const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify(me));
      await handle.close();
      return { release: () => rm(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(path);
    const stale = owner === null ? await olderThan(path, 10_000) : owner.host === me.host && !isAlive(owner.pid);
    if (!stale) {
      const who = owner === null ? 'another build' : `build pid ${owner.pid} on ${owner.host} (started ${owner.started})`;
      throw new MageosError('ERR_LOCKED', `${outDir} is being written by ${who}`, {
        hint: `Wait for it to finish. If no build is running, delete ${path}.`,
      });
    }
    await rm(path, { force: true });
  }
  throw new MageosError('ERR_LOCKED', `could not take the lock ${path}`, { hint: `Delete ${path} if no build is running.` });
}
