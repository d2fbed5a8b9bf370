import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { LocalArchive } from './repository.js';

/** The sha1 of a file's bytes, read as a stream: Composer's `dist.shasum`. */
/** A local archive whose sha1 is computed only when asked for, once. */
export function localArchive(file: string, known?: string): LocalArchive {
  let sha1: Promise<string> | undefined = known === undefined ? undefined : Promise.resolve(known);
  return { file, sha1: () => (sha1 ??= fileSha1(file)) };
}

export async function fileSha1(path: string): Promise<string> {
  const hash = createHash('sha1');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
