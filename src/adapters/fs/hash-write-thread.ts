import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './hash-write-messages.js';

/**
 * The ring shared with the thread: slots of at most this many bytes, each copied in by the writer and freed by the
 * thread once written. A flush of more (or with no slot free) is copied into a buffer moved to the thread.
 */
const SLOT_BYTES = 512 * 1024;
/** What a writer gathers before it sends: a flush then fits a slot unless its last file is big. */
export const THREAD_FLUSH_BYTES = SLOT_BYTES / 2;
/** The writer waits when all are in the thread: the thread hashes and writes several times faster than they fill. */
const SLOTS = 4;

/** The worker's entry beside this module: compiled, the bundle's hash-write-worker.js; from sources (tests, benches), through tsx. */
function startWorker(ring: SharedArrayBuffer): Worker {
  const workerData = { ring, slotBytes: SLOT_BYTES };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./hash-write-worker.js', import.meta.url), { workerData });
  const entry = new URL('./hash-write-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const source = `import(${JSON.stringify(tsx)}).then((api) => api.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(source, { eval: true, workerData });
}

type Settle = { resolve: (sha1: string) => void; reject: (error: Error) => void };

/**
 * A second thread that computes the sha1 of files and writes their bytes, for the zip writer of big archives: the
 * thread that assembles them (and reads their blobs from git) does neither, so both cores work. The bytes are
 * copied once, into a ring of memory both threads see. Started at the first file.
 */
export class HashWriteThread {
  private worker: Worker | null = null;
  private ring: SharedArrayBuffer | null = null;
  private readonly freeSlots: number[] = [];
  private inFlight = 0;
  private waiters: Array<() => void> = [];
  private readonly finishing = new Map<number, Settle>();
  private nextId = 0;
  private failure: Error | null = null;

  /** A new file to write through the thread; its id for the calls below. */
  open(): number {
    this.worker ??= this.start();
    return this.nextId++;
  }

  /** Hashes and writes `chunks` (`bytes` in all) after the file's earlier ones; they are copied, so free at return. */
  write(id: number, fd: number, chunks: readonly Buffer[], bytes: number): void {
    if (this.failure !== null) throw this.failure;
    const slot = bytes <= SLOT_BYTES ? (this.freeSlots.pop() ?? -1) : -1;
    const data = slot === -1 ? new ArrayBuffer(bytes) : undefined;
    const target = data !== undefined ? new Uint8Array(data) : new Uint8Array(this.ring as SharedArrayBuffer, slot * SLOT_BYTES, bytes);
    let at = 0;
    for (const chunk of chunks) {
      target.set(chunk, at);
      at += chunk.length;
    }
    if (data === undefined) {
      this.post({ kind: 'write', id, fd, slot, length: bytes });
      this.inFlight++;
    } else this.post({ kind: 'write', id, fd, slot, data, length: bytes }, [data]);
  }

  /** Resolves when the thread has room for more; undefined when it has now. */
  room(): Promise<void> | undefined {
    if (this.freeSlots.length > 0 || this.failure !== null || this.worker === null) return undefined;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The sha1 of the file once all its bytes are written (or the first write error); its fd is then the caller's to close. */
  finish(id: number): Promise<string> {
    return this.settle(id, 'finish');
  }

  /** Forgets the file once its writes are done (or failed), so that its fd can be closed. */
  async drop(id: number): Promise<void> {
    await this.settle(id, 'drop').catch(() => undefined);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker !== null) await worker.terminate();
  }

  private settle(id: number, kind: 'finish' | 'drop'): Promise<string> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.post({ kind, id });
      this.finishing.set(id, { resolve, reject });
    });
  }

  private post(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    const worker = this.worker as Worker;
    if (this.inFlight === 0 && this.finishing.size === 0) worker.ref();
    worker.postMessage(message, transfer);
  }

  private onMessage(message: FromWorker): void {
    if (message.kind === 'free') {
      this.inFlight--;
      this.freeSlots.push(message.slot);
      this.waiters.shift()?.();
    } else {
      const settle = this.finishing.get(message.id);
      this.finishing.delete(message.id);
      if (message.kind === 'finished') settle?.resolve(message.sha1);
      else settle?.reject(Object.assign(new Error(message.error.message), message.error));
    }
    // An idle thread must not keep the program alive when a caller forgets close().
    if (this.inFlight === 0 && this.finishing.size === 0) this.worker?.unref();
  }

  private start(): Worker {
    this.ring = new SharedArrayBuffer(SLOTS * SLOT_BYTES);
    for (let slot = SLOTS - 1; slot >= 0; slot--) this.freeSlots.push(slot);
    const worker = startWorker(this.ring);
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const settle of this.finishing.values()) settle.reject(this.failure);
      this.finishing.clear();
      for (const wake of this.waiters.splice(0)) wake();
    };
    worker.on('error', (error) => fail(new Error(`the thread that writes archives failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => fail(new Error(`the thread that writes archives exited (code ${code})`)));
    worker.unref();
    return worker;
  }
}
