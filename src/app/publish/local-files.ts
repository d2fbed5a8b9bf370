import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { STATE_DIR } from '../../adapters/fs/output-directory.js';
import type { LocalFile } from '../../core/publish/publish-plan.js';
import { runPool } from '../builder/run-pool.js';

/** The digests of a file as last read, kept while its size and modification time stay the same. */
export interface HashedFile {
  size: number;
  mtimeMs: number;
  md5: string;
  sha256: string;
}

export interface ScannedDirectory {
  files: LocalFile[];
  /** The digests to keep for the next publish. */
  hashes: Record<string, HashedFile>;
  /** Paths that are not regular files (symbolic links, sockets…): never published. */
  skipped: string[];
  /** Bytes read to hash files whose digests were not known. */
  bytesHashed: number;
}

const HASH_CONCURRENCY = 2;

/**
 * Every regular file of a repository directory but its state directory, with MD5 and SHA-256. A file whose size and
 * modification time match the earlier reading keeps its digests, so an unchanged repository is not read again.
 */
export async function scanDirectory(root: string, known: Readonly<Record<string, HashedFile>>, progress: (done: number, total: number) => void): Promise<ScannedDirectory> {
  const found: Array<{ path: string; size: number; mtimeMs: number }> = [];
  const skipped: string[] = [];
  const walk = async (relative: string) => {
    for (const entry of await readdir(join(root, relative), { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (path === STATE_DIR) continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const stat = await lstat(join(root, path));
        found.push({ path, size: stat.size, mtimeMs: stat.mtimeMs });
      } else skipped.push(path);
    }
  };
  await walk('');
  found.sort((a, b) => (a.path < b.path ? -1 : 1));
  const hashes: Record<string, HashedFile> = {};
  let done = 0;
  let bytesHashed = 0;
  await runPool(found, HASH_CONCURRENCY, async ({ path, size, mtimeMs }) => {
    const before = known[path];
    if (before !== undefined && before.size === size && before.mtimeMs === mtimeMs) hashes[path] = before;
    else {
      hashes[path] = { size, mtimeMs, ...(await digests(join(root, path))) };
      bytesHashed += size;
    }
    progress(++done, found.length);
  });
  const files = found.map(({ path }) => {
    const { size, md5, sha256 } = hashes[path] as HashedFile;
    return { path, size, md5, sha256 };
  });
  return { files, hashes, skipped, bytesHashed };
}

async function digests(file: string): Promise<{ md5: string; sha256: string }> {
  const md5 = createHash('md5');
  const sha256 = createHash('sha256');
  for await (const chunk of createReadStream(file)) {
    md5.update(chunk as Buffer);
    sha256.update(chunk as Buffer);
  }
  return { md5: md5.digest('hex'), sha256: sha256.digest('hex') };
}
