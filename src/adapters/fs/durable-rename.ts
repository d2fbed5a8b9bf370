import { close, fsync, open, renameSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';

const openAsync = promisify(open);
const fsyncAsync = promisify(fsync);
const closeAsync = promisify(close);

/** Waits until the file's bytes are on disk (in the thread pool; fsync needs no write access). */
async function syncFile(path: string): Promise<void> {
  const fd = await openAsync(path, 'r');
  try {
    await fsyncAsync(fd);
  } finally {
    await closeAsync(fd);
  }
}

interface Waiting {
  tmp: string;
  finalPath: string;
  renamed: () => void;
}

export interface DurableRenameLimits {
  /** Bytes written and not yet on disk before `add` flushes them. */
  bytes: number;
  /** Files written and not yet on disk before `add` flushes them. */
  files: number;
  /** fsync calls in flight during a flush. */
  parallel: number;
}

/**
 * Moves complete files to their final names once they are on disk (fsync, then rename), so a file under its final
 * name is whole even after a power cut. The fsyncs are collected and made together, several in flight (they share
 * the file system's journal commits), instead of writing waiting for the disk after every file.
 */
export class DurableRenames {
  private waiting: Waiting[] = [];
  private waitingBytes = 0;

  /** @param describe turns a file system error into the error the caller reports */
  constructor(
    private readonly limits: DurableRenameLimits,
    private readonly describe: (error: unknown) => unknown = (error) => error,
  ) {}

  /**
   * Renames `tmp` (`bytes` long) to `finalPath` once it is on disk, then calls `renamed`; flushes every file
   * waiting when the limits are reached. A file that fails is deleted, never renamed, and its error thrown.
   */
  async add(tmp: string, finalPath: string, bytes: number, renamed: () => void): Promise<void> {
    this.waiting.push({ tmp, finalPath, renamed });
    this.waitingBytes += bytes;
    if (this.waitingBytes >= this.limits.bytes || this.waiting.length >= this.limits.files) await this.flush();
  }

  /**
   * Puts every waiting file on disk, then renames them in the order they were added; throws the first failure
   * (the other files still finish).
   */
  async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    this.waitingBytes = 0;
    const synced: Array<{ error: unknown } | null> = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < batch.length; i = next++) {
        try {
          await syncFile((batch[i] as Waiting).tmp);
          synced[i] = null;
        } catch (error) {
          synced[i] = { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.limits.parallel, batch.length) }, worker));
    let failure: { error: unknown } | null = null;
    batch.forEach((item, i) => {
      try {
        const problem = synced[i];
        if (problem) throw problem.error;
        renameSync(item.tmp, item.finalPath);
        item.renamed();
      } catch (error) {
        failure ??= { error: this.describe(error) };
        rmSync(item.tmp, { force: true });
      }
    });
    if (failure !== null) throw (failure as { error: unknown }).error;
  }
}
