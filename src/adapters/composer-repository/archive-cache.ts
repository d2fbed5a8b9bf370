import { createHash } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDirectory } from '../fs/make-directory.js';
import { fileSha1, localArchive } from './file-sha1.js';
import type { LocalArchive } from './repository.js';

/**
 * Downloaded archives on disk, keyed by URL and expected sha1. Only a download whose sha1 is the expected one
 * is kept; any other stays a temporary file until close, so a fixed server is read afresh next time.
 */
export class ArchiveCache {
  private readonly temporary: string[] = [];
  private readonly made = new Map<string, Promise<unknown>>();
  private counter = 0;

  constructor(private readonly dir: string) {}

  async get(url: string, shasum: string, download: (file: string) => Promise<string | null>): Promise<LocalArchive | null> {
    const key = createHash('sha256').update(`${url}\n${shasum}`).digest('hex');
    const keptDir = join(this.dir, 'archives', key.slice(0, 2));
    const kept = join(keptDir, `${key}.zip`);
    if (shasum !== '') {
      // A kept file is checked again: a damaged cache must not look like a damaged repository.
      const sha1 = await fileSha1(kept).catch(() => null);
      if (sha1 === shasum) return localArchive(kept, sha1);
    }
    await this.mkdir(join(this.dir, 'tmp'));
    const file = join(this.dir, 'tmp', `${key}-${process.pid}-${this.counter++}.zip`);
    this.temporary.push(file);
    const sha1 = await download(file);
    if (sha1 === null) return null;
    if (shasum === '' || sha1 !== shasum) return localArchive(file, sha1);
    await this.mkdir(keptDir);
    await rename(file, kept);
    return localArchive(kept, sha1);
  }

  async close(): Promise<void> {
    await Promise.all(this.temporary.splice(0).map((file) => rm(file, { force: true })));
  }

  private mkdir(dir: string): Promise<unknown> {
    let made = this.made.get(dir);
    if (made === undefined) {
      made = makeDirectory(dir);
      this.made.set(dir, made);
    }
    return made;
  }
}
