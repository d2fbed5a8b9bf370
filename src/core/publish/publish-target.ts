import { MageosError } from '../errors.js';

/** Where a repository is published: a bucket of an S3-compatible object store and the key prefix it owns there. */
export interface PublishTarget {
  bucket: string;
  /** Empty (the whole bucket) or ending in `/`, e.g. `mirror/`. */
  prefix: string;
}

// S3's rule for new bucket names, with `_` allowed as some S3-compatible stores do.
const BUCKET = /^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/;

/** Reads `s3://<bucket>[/<prefix>]`; a prefix with empty, `.` or `..` segments is refused, not cleaned up. */
export function parsePublishTarget(text: string): PublishTarget {
  const match = /^s3:\/\/([^/]*)(?:\/([\s\S]*))?$/.exec(text);
  const bad = (what: string) =>
    new MageosError('ERR_USAGE', `${text} is not an S3 location: ${what}`, { hint: 'Write it as s3://<bucket>/<prefix>, for example s3://packages/mirror' });
  if (match === null) throw bad('it must start with s3://');
  const bucket = match[1] as string;
  if (!BUCKET.test(bucket)) throw bad(`"${bucket}" is not a bucket name (3 to 63 lower-case letters, digits, dots, hyphens)`);
  const raw = (match[2] ?? '').replace(/\/$/, '');
  if (raw === '') return { bucket, prefix: '' };
  const segments = raw.split('/');
  const wrong = segments.find((s) => s === '' || s === '.' || s === '..' || /[\\\u0000-\u001f\u007f]/.test(s));
  if (wrong !== undefined) throw bad(`the prefix "${raw}" has an empty, "." or ".." segment, a backslash or a control character`);
  return { bucket, prefix: `${raw}/` };
}

/** The target as the user writes it, e.g. `s3://packages/mirror/`. */
export function targetLabel(target: PublishTarget): string {
  return `s3://${target.bucket}/${target.prefix}`;
}
