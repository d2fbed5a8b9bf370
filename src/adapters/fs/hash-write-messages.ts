/** The messages between a HashWriteThread and its worker (hash-write-worker.ts). */
export type ToWorker =
  /**
   * Hash and write `length` bytes to `fd` at its current position, for file `id`: from slot `slot` of the shared
   * ring (answered with `free`), or else from `data`.
   */
  | { kind: 'write'; id: number; fd: number; slot: number; data?: ArrayBuffer; length: number }
  /** Every write of `id` is done: answer its sha1 (or the first write error); `drop`: answer without one. */
  | { kind: 'finish' | 'drop'; id: number };

export type FromWorker =
  | { kind: 'free'; slot: number }
  | { kind: 'finished'; id: number; sha1: string }
  | { kind: 'failed'; id: number; error: { message: string; code?: string; errno?: number; syscall?: string } };
