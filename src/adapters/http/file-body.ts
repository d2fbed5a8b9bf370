import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import type { ServedFile } from './open-served-file.js';

/** Files up to this size are read in one call: a stream per small metadata file costs more than the file. */
const WHOLE_READ_LIMIT = 64 * 1024;

function byteCounter(): Transform & { bytes: number } {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      counter.bytes += chunk.length;
      callback(null, chunk);
    },
  }) as Transform & { bytes: number };
  counter.bytes = 0;
  return counter;
}

async function sendWhole(res: ServerResponse, file: ServedFile, gzip: boolean): Promise<number> {
  const size = Number(file.stat.size);
  let body: Buffer;
  try {
    // One read of the size just stat'ed, so the bytes match the ETag sent.
    const { bytesRead, buffer } = await file.handle.read(Buffer.allocUnsafe(size), 0, size, 0);
    body = buffer.subarray(0, bytesRead);
  } finally {
    await file.handle.close();
  }
  // Compressing at most 64 KiB in place is cheaper than a round trip through the thread pool.
  if (gzip) body = gzipSync(body);
  res.writeHead(200, { 'Content-Length': String(body.length) });
  res.end(body);
  return body.length;
}

async function sendStream(res: ServerResponse, file: ServedFile, gzip: boolean): Promise<number> {
  if (!gzip) res.setHeader('Content-Length', String(file.stat.size));
  res.writeHead(200);
  const counter = byteCounter();
  const body = createReadStream('', { fd: file.handle });
  try {
    if (gzip) await pipeline(body, createGzip(), counter, res);
    else await pipeline(body, counter, res);
  } catch {
    // The client went away or the file could not be read: the response is cut short, nothing else to do.
    res.destroy();
  }
  return counter.bytes;
}

/** Writes a 200 body (headers other than Content-Length already set) and closes the file; returns the bytes sent. */
export function sendFileBody(res: ServerResponse, file: ServedFile, gzip: boolean): Promise<number> {
  return file.stat.size <= WHOLE_READ_LIMIT ? sendWhole(res, file, gzip) : sendStream(res, file, gzip);
}
