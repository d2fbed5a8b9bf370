/** Where a source's repository is: a git URL (cloned into the cache) or a local path (read in place). */
export type SourceLocation = { url: string } | { path: string };

const GIT_URL = /^([a-z][a-z0-9+.-]*:\/\/|[\w.-]+@[\w.-]+:)/i;

/** A URL with a scheme (https://, ssh://, file://) or scp-like `git@host:path`; anything else is a path. */
export function looksLikeGitUrl(value: string): boolean {
  return GIT_URL.test(value);
}

/** The value as a location: a git URL stays a url, anything else is a path. */
export function locationOf(value: string): SourceLocation {
  return looksLikeGitUrl(value) ? { url: value } : { path: value };
}

/** A source or archive source entry moved to another location: its other `url`/`path` is dropped, the rest kept. */
export function relocated<T extends Record<string, unknown>>(entry: T, location: SourceLocation): Record<string, unknown> {
  const { url: _url, path: _path, ...rest } = entry;
  return { ...rest, ...location };
}

/**
 * An archive source moved to another location of the same git repository: a local path is read as a git
 * repository only with a "ref", so one moved there from a url reads HEAD (the default branch a clone has).
 */
export function relocatedArchive<T extends Record<string, unknown>>(entry: T, location: SourceLocation): Record<string, unknown> {
  const moved = relocated(entry, location);
  return 'path' in location && entry.url !== undefined && entry.ref === undefined ? { ...moved, ref: 'HEAD' } : moved;
}
