import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { MageosError } from '../../core/errors.js';
import type { PlannedArtifact } from '../../core/plan/types.js';
import type { ArchiveFormat } from '../../adapters/zip/zip-writer.js';
import { type ArchiveJob, type ArchiveReply, deserializeError } from './archive-job.js';

/** Where archives of at least `minFiles` files are written, and by how many worker threads (0: in this thread). */
export interface ArchiveWorkerOptions {
  threads: number;
  minFiles: number;
}

/**
 * Off by default: on the shared 2-core machines, writing big archives in two worker threads took as much time or
 * more, ~10-40% more CPU (each thread reads its blobs from git itself, and parses and collects them) and 150-300 MB
 * more memory (docs/development.md, "Write phase"). `bench/write.bench.ts` compares both in one run.
 */
export const DEFAULT_ARCHIVE_WORKERS: ArchiveWorkerOptions = { threads: 0, minFiles: 2000 };

/** What the bench and an experiment try: two threads (one per core here) for archives of 2,000 files and more. */
export const TWO_ARCHIVE_WORKERS: ArchiveWorkerOptions = { threads: Math.min(2, availableParallelism()), minFiles: 2000 };

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (written: { size: number; sha1: string }) => void; reject: (error: Error) => void }>;
  /** Package name → versions of it in writing here. */
  packages: Map<string, number>;
  exited: Promise<void>;
}

/** The worker's entry beside this module: compiled, the bundle's archive-worker.js; from sources (tests, benches), through tsx. */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./archive-worker.js', import.meta.url));
  const entry = new URL('./archive-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => api.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`, { eval: true });
}

/**
 * Worker threads that write big archives, each with its own git readers, so that two archives are assembled at
 * once (or one beside this thread's small ones). Started at the first big archive: a build without one starts none.
 */
export class ArchiveWorkers {
  private readonly threads: Thread[] = [];
  private nextId = 0;

  constructor(private readonly options: ArchiveWorkerOptions) {}

  /** True when `artifact` is written by a worker thread. */
  takes(artifact: PlannedArtifact): boolean {
    return this.options.threads > 0 && artifact.files.length >= this.options.minFiles;
  }

  /** How many archives to write at once for `concurrency` in this thread: one more per worker thread. */
  concurrency(concurrency: number): number {
    return concurrency + this.options.threads;
  }

  /**
   * Writes the archive on the thread that writes another version of the package (they share most blobs, read
   * once from git while both are in writing), else on the least busy thread, starting one while fewer than
   * allowed run.
   */
  async write(artifact: PlannedArtifact, path: string, format: ArchiveFormat, gitDirs: Record<string, string>): Promise<{ size: number; sha1: string }> {
    const thread = this.threads.find((t) => t.packages.has(artifact.name)) ?? this.pick();
    const job: ArchiveJob = { id: this.nextId++, artifact, path, format, gitDirs };
    thread.packages.set(artifact.name, (thread.packages.get(artifact.name) ?? 0) + 1);
    try {
      return await new Promise((resolve, reject) => {
        if (thread.pending.size === 0) thread.worker.ref();
        thread.pending.set(job.id, { resolve, reject });
        thread.worker.postMessage(job);
      });
    } finally {
      const left = (thread.packages.get(artifact.name) ?? 1) - 1;
      if (left === 0) thread.packages.delete(artifact.name);
      else thread.packages.set(artifact.name, left);
    }
  }

  /** Lets every thread finish and stop its git readers. */
  async close(): Promise<void> {
    for (const thread of this.threads) {
      thread.worker.ref();
      thread.worker.postMessage('close');
    }
    await Promise.all(this.threads.map((t) => t.exited));
    this.threads.length = 0;
  }

  private pick(): Thread {
    const idle = this.threads.find((t) => t.pending.size === 0);
    if (idle !== undefined) return idle;
    if (this.threads.length < this.options.threads) return this.start();
    return this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  private start(): Thread {
    const worker = startWorker();
    const thread: Thread = { worker, pending: new Map(), packages: new Map(), exited: Promise.resolve() };
    const failAll = (error: Error) => {
      for (const p of thread.pending.values()) p.reject(error);
      thread.pending.clear();
    };
    worker.on('message', (reply: ArchiveReply) => {
      const p = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      // An idle thread must not keep the program alive when a caller forgets close().
      if (thread.pending.size === 0) worker.unref();
      if ('error' in reply) p?.reject(deserializeError(reply.error));
      else p?.resolve(reply.written);
    });
    worker.on('error', (error) => failAll(new MageosError('ERR_INTERNAL', `archive worker thread failed: ${error.message}`, { cause: error })));
    thread.exited = new Promise((resolve) => {
      worker.on('exit', (code) => {
        failAll(new MageosError('ERR_INTERNAL', `archive worker thread exited (code ${code}) while writing`));
        resolve();
      });
    });
    this.threads.push(thread);
    return thread;
  }
}
