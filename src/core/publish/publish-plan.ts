import { comparePublishOrder } from './publish-order.js';

/** A file of the repository directory, with the digests that tell whether the bucket already holds it. */
export interface LocalFile {
  /** Relative to the repository root, with `/`. */
  path: string;
  size: number;
  /** Hex MD5: the ETag an S3 store gives an object written in one PUT (unless encrypted with a managed key). */
  md5: string;
  sha256: string;
}

/** An object as a bucket listing shows it: no metadata, no download. */
export interface RemoteObject {
  size: number;
  /** Without the quotes. */
  etag: string;
}

/** What an earlier publish uploaded under a key, for stores whose ETag is not the MD5. */
export interface UploadRecord {
  sha256: string;
  etag: string;
  /** The Content-Type and Cache-Control it was written with: a changed policy uploads the file again. */
  headers: string;
}

export interface PublishPlanInput {
  files: LocalFile[];
  prefix: string;
  remote: ReadonlyMap<string, RemoteObject>;
  uploaded: Readonly<Record<string, UploadRecord>>;
  /** Key → when a publish first found it in the bucket but not in the directory (ms). */
  gone: Readonly<Record<string, number>>;
  headersOf: (path: string) => string;
  now: number;
  graceMs: number;
  /** False with --no-delete: nothing is deleted; what is due stays in `waiting`. */
  deletes: boolean;
}

export interface PublishPlan {
  /** In publishing order. */
  uploads: LocalFile[];
  unchanged: LocalFile[];
  /** Keys gone from the directory for the whole grace period. */
  deletions: string[];
  /** Keys gone from the directory, kept until `dueAt`. */
  waiting: Array<{ key: string; since: number; dueAt: number }>;
  /** The `gone` record to keep: keys still gone, with when they went. */
  gone: Record<string, number>;
}

/**
 * Decides what a publish uploads and deletes from the bucket listing alone: a file is in place when an object of
 * the same size has its MD5 as ETag, or the ETag an earlier upload of the same bytes and headers got.
 */
export function planPublish(input: PublishPlanInput): PublishPlan {
  const uploads: LocalFile[] = [];
  const unchanged: LocalFile[] = [];
  const local = new Set<string>();
  for (const file of input.files) {
    const key = input.prefix + file.path;
    local.add(key);
    const remote = input.remote.get(key);
    const record = input.uploaded[key];
    const inPlace =
      remote !== undefined &&
      remote.size === file.size &&
      (record === undefined || record.headers === input.headersOf(file.path)) &&
      (remote.etag === file.md5 || (record !== undefined && record.sha256 === file.sha256 && record.etag === remote.etag));
    (inPlace ? unchanged : uploads).push(file);
  }
  uploads.sort((a, b) => comparePublishOrder(a.path, b.path));
  const deletions: string[] = [];
  const waiting: PublishPlan['waiting'] = [];
  const gone: Record<string, number> = {};
  for (const key of [...input.remote.keys()].sort()) {
    if (local.has(key)) continue;
    const since = input.gone[key] ?? input.now;
    if (input.deletes && input.now - since >= input.graceMs) deletions.push(key);
    else {
      gone[key] = since;
      waiting.push({ key, since, dueAt: since + input.graceMs });
    }
  }
  return { uploads, unchanged, deletions, waiting, gone };
}
