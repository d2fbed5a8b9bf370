import { compareBytewise } from '../../core/plan/release-refs.js';
import type { StoredZip, ZipStore } from '../zip/zip-store.js';
import { BlobReader } from './blob-reader.js';
import { redactUrl } from './cache-clone.js';
import { followRemoteHead } from './remote-head.js';
import { resolveRef } from './refs.js';
import { type OpenSourceOptions, openSourceRepository } from './source-repository.js';
import { listTree } from './tree.js';

export interface ZipTreeLocation {
  url?: string;
  path?: string;
  /** Default: HEAD, for a url the remote's default branch. */
  ref?: string;
  /** Directory inside the repository holding the zips; "" for its root. */
  gitPath: string;
}

/** The zips directly in one directory of a git tree at a ref, read through one `cat-file --batch`. */
export async function openZipTree(location: ZipTreeLocation, access: OpenSourceOptions): Promise<ZipStore> {
  const { url, path } = location;
  const opened = await openSourceRepository(url !== undefined ? { url } : { path: path as string }, access);
  if (url !== undefined && location.ref === undefined && opened.fetched) await followRemoteHead(opened.gitDir, url);
  const ref = location.ref ?? 'HEAD';
  const resolved = await resolveRef(opened.gitDir, ref);
  const dir = location.gitPath.replace(/^\/+|\/+$/g, '');
  const prefix = dir === '' ? '' : `${dir}/`;
  const zips: StoredZip[] = (await listTree(opened.gitDir, resolved.tree))
    .filter((e) => e.type === 'blob' && e.mode !== '120000' && e.path.startsWith(prefix) && e.path.endsWith('.zip'))
    .map((e) => ({ name: e.path.slice(prefix.length), path: e.path, id: e.oid }))
    .filter((z) => !z.name.includes('/'))
    .sort((a, b) => compareBytewise(a.name, b.name));
  const blobs = await BlobReader.open(opened.gitDir);
  return {
    location: `${redactUrl(url ?? path ?? '')} ${ref}:${dir}`,
    zips,
    time: resolved.time,
    ...(opened.fetchError !== undefined ? { fetchError: opened.fetchError } : {}),
    read: (zip) => blobs.read(zip.id),
    close: () => blobs.close(),
  };
}
