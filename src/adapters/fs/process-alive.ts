import { readFileSync } from 'node:fs';

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

/** Whether a process of this host still runs (a zombie does not: it writes nothing any more). */
export function isAlive(pid: number): boolean {
  // A build killed a moment ago keeps its pid until its parent reaps it, but writes nothing any more.
  if (isZombie(pid)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
