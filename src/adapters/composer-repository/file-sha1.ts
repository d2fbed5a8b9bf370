import { fileSha1 } from '../fs/file-sha1.js';
import type { LocalArchive } from './repository.js';

export { fileSha1 };

/** A local archive whose sha1 is computed only when asked for, once. */
export function localArchive(file: string, known?: string): LocalArchive {
  let sha1: Promise<string> | undefined = known === undefined ? undefined : Promise.resolve(known);
  return { file, sha1: () => (sha1 ??= fileSha1(file)) };
}
