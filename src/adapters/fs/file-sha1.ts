import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** The sha1 of a file's bytes, read as a stream: Composer's `dist.shasum`. */
export async function fileSha1(path: string): Promise<string> {
  const hash = createHash('sha1');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
