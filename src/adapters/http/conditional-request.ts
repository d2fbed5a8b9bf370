import type { IncomingHttpHeaders } from 'node:http';

export interface Validators {
  etag: string;
  lastModified: Date;
}

/** A strong ETag from size and modification time (nanoseconds), the same for every request until the file is rewritten. */
export function validatorsOf(stat: { size: bigint; mtimeNs: bigint; mtimeMs: bigint }): Validators {
  return { etag: `"${stat.size.toString(16)}-${stat.mtimeNs.toString(16)}"`, lastModified: new Date(Number(stat.mtimeMs)) };
}

/** The tag a gzipped body is sent with: a different representation needs a different strong tag. */
export function gzipEtag(etag: string): string {
  return `${etag.slice(0, -1)}-gzip"`;
}

/** RFC 9110 §13.1: If-None-Match (weak comparison) wins over If-Modified-Since, which has one-second precision. */
export function isNotModified(headers: IncomingHttpHeaders, validators: Validators): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    const accepted = new Set([validators.etag, gzipEtag(validators.etag)]);
    return ifNoneMatch.split(',').some((tag) => accepted.has(tag.trim().replace(/^W\//, '')));
  }
  const ifModifiedSince = headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  if (Number.isNaN(since)) return false;
  return Math.floor(validators.lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}
