// The entry of the thread that hashes and writes the bytes of big archives (see hash-write-thread.ts).
import { createHash, type Hash } from 'node:crypto';
import { writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './hash-write-messages.js';

const port = parentPort;
if (port === null) throw new Error('hash-write-worker.js runs as a worker thread');
const { ring, slotBytes } = workerData as { ring: SharedArrayBuffer; slotBytes: number };

/** By file: its hash so far, or the write error that ended it (later writes are skipped). */
const files = new Map<number, { hash: Hash; error: NodeJS.ErrnoException | null }>();

function write(fd: number, data: Uint8Array): void {
  for (let done = 0; done < data.length; ) done += writeSync(fd, data, done, data.length - done);
}

function reply(message: FromWorker): void {
  (port as NonNullable<typeof port>).postMessage(message);
}

port.on('message', (message: ToWorker) => {
  if (message.kind === 'write') {
    let file = files.get(message.id);
    if (file === undefined) files.set(message.id, (file = { hash: createHash('sha1'), error: null }));
    const bytes = message.data !== undefined ? new Uint8Array(message.data, 0, message.length) : new Uint8Array(ring, message.slot * slotBytes, message.length);
    if (file.error === null) {
      try {
        file.hash.update(bytes);
        write(message.fd, bytes);
      } catch (error) {
        file.error = error as NodeJS.ErrnoException;
      }
    }
    if (message.data === undefined) reply({ kind: 'free', slot: message.slot });
    return;
  }
  const file = files.get(message.id);
  files.delete(message.id);
  const hash = file?.hash ?? createHash('sha1');
  if (message.kind === 'drop' || file?.error == null) {
    reply({ kind: 'finished', id: message.id, sha1: hash.digest('hex') });
  } else {
    const { message: text, code, errno, syscall } = file.error;
    reply({ kind: 'failed', id: message.id, error: { message: text, ...(code ? { code } : {}), ...(errno ? { errno } : {}), ...(syscall ? { syscall } : {}) } });
  }
});
