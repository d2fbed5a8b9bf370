import { MageosError } from '../../core/errors.js';

export type RequestTarget =
  | { kind: 'file'; relativePath: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found' }
  | { kind: 'bad-request' };

/** A URL path prefix with a leading and a trailing slash: `mirror` and `/mirror` become `/mirror/`. */
export function normalizePrefix(prefix: string): string {
  const segments = prefix.split('/').filter((s) => s !== '');
  const valid = segments.every((s) => !s.startsWith('.') && !/[\\?#%\0\s]/.test(s));
  if (!valid) {
    throw new MageosError('ERR_USAGE', `prefix "${prefix}" is not a plain URL path`, {
      hint: 'Use a path such as /mirror/: letters, digits, - and _ segments, no dot segments, no % or ?.',
    });
  }
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/** Decodes one path segment; `undefined` for malformed percent-encoding. */
function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** A segment that may name a file: no traversal, no dotfiles (the build state lives in `.mageos-repo/`), no separators or NUL hidden by encoding. */
function isServable(segment: string): boolean {
  return segment !== '' && !segment.startsWith('.') && !/[/\\\0]/.test(segment);
}

/**
 * Maps a raw request-target (as sent, still percent-encoded) to a file path relative to the served root.
 * A path ending in `/` names that directory's index.html; the prefix without its slash redirects to it.
 */
export function resolveRequestPath(rawUrl: string, prefix: string): RequestTarget {
  const queryAt = rawUrl.indexOf('?');
  const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rawUrl.slice(queryAt);
  if (!rawPath.startsWith('/')) return { kind: 'bad-request' };
  if (prefix !== '/' && rawPath === prefix.slice(0, -1)) return { kind: 'redirect', location: `${prefix}${query}` };
  if (!rawPath.startsWith(prefix)) return { kind: 'not-found' };
  const rawSegments = rawPath.slice(prefix.length).split('/');
  if (rawSegments.at(-1) === '') rawSegments[rawSegments.length - 1] = 'index.html';
  const segments: string[] = [];
  for (const raw of rawSegments) {
    if (/%(2f|5c|00)/i.test(raw)) return { kind: 'not-found' };
    const segment = decodeSegment(raw);
    if (segment === undefined) return { kind: 'bad-request' };
    if (!isServable(segment)) return { kind: 'not-found' };
    segments.push(segment);
  }
  return { kind: 'file', relativePath: segments.join('/') };
}
