// CPU time of this process and of its child processes (git), read from /proc: children still running count too.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuTime {
  /** This process, every thread (node, its workers, libuv's pool). */
  selfMs: number;
  /** Its children: those running now, and those that ended and were waited for. */
  childrenMs: number;
}

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces): index 0 is the state. */
function statFields(pid: string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // ended meanwhile
  }
}

// Field numbers of proc(5) minus 3: ppid 4, utime 14, stime 15, cutime 16, cstime 17.
const PPID = 1;
const UTIME = 11;

function ticks(fields: string[], from: number, count: number): number {
  let sum = 0;
  for (let i = from; i < from + count; i++) sum += Number(fields[i]);
  return sum;
}

/** CPU time of a process (this one if not given) and of its children. */
export function cpuNow(pid = process.pid): CpuTime {
  const own = String(pid);
  const fields = statFields(pid === process.pid ? 'self' : own) ?? [];
  let children = ticks(fields, UTIME + 2, 2);
  for (const child of readdirSync('/proc')) {
    if (!/^\d+$/.test(child)) continue;
    const stat = statFields(child);
    if (stat?.[PPID] === own) children += ticks(stat, UTIME, 4);
  }
  if (pid !== process.pid) return { selfMs: ticks(fields, UTIME, 2) * TICK_MS, childrenMs: children * TICK_MS };
  const usage = process.cpuUsage();
  return { selfMs: (usage.user + usage.system) / 1000, childrenMs: children * TICK_MS };
}

/**
 * CPU used between two readings. A child that ended after the first reading but was not waited for yet by the second
 * is in neither count of the second: its part is then a lower bound, and never below zero.
 */
export function cpuSince(before: CpuTime, after: CpuTime = cpuNow()): CpuTime {
  return { selfMs: after.selfMs - before.selfMs, childrenMs: Math.max(0, after.childrenMs - before.childrenMs) };
}
