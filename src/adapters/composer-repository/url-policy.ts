import { MageosError } from '../../core/errors.js';

/** Hosts besides the repository's own origin that may be fetched: none by default, some by name, or any. */
export type OtherHosts = readonly string[] | 'any';

/** What a remote repository may fetch: http(s) only, on its own origin or on hosts the user allowed. */
export class UrlPolicy {
  /** Origins other than the repository's own that were fetched, and those refused. */
  readonly otherOrigins = new Set<string>();
  readonly refused = new Set<string>();
  private readonly allowed: Set<string> | 'any';

  constructor(
    readonly origin: string,
    otherHosts: OtherHosts = [],
  ) {
    this.allowed = otherHosts === 'any' ? 'any' : new Set(otherHosts.map((h) => h.toLowerCase()));
  }

  /** Why the URL may not be fetched; null when it may (and then it is counted). */
  refusal(url: URL): string | null {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      this.refused.add(url.protocol);
      return `only http and https URLs are fetched, not ${url.protocol}`;
    }
    if (url.origin === this.origin) return null;
    if (this.allowed === 'any' || this.allowed.has(url.hostname.toLowerCase()) || this.allowed.has(url.host.toLowerCase())) {
      this.otherOrigins.add(url.origin);
      return null;
    }
    this.refused.add(url.origin);
    return `${url.origin} is not the repository's origin ${this.origin}, and --allow-host does not name ${url.hostname}`;
  }

  get otherHosts(): string[] {
    return this.allowed === 'any' ? ['*'] : [...this.allowed].sort();
  }
}

/** A metadata file named by the metadata that may not be read: the repository's metadata is at fault. */
export function refusedMetadata(location: string, ref: string, why: string): MageosError {
  return new MageosError('ERR_METADATA_INVALID', `${location}: the metadata names ${JSON.stringify(ref)}, which is not read: ${why}`, {
    hint: 'A repository names its metadata files inside itself; for a remote one on another host, allow it with --allow-host <host>.',
  });
}

/** A URL refused while following a redirect; the caller turns it into a problem of what it was reading. */
export class RefusedUrl extends MageosError {
  constructor(url: URL, why: string) {
    super('ERR_REPOSITORY_UNREADABLE', `${url.href} is not fetched: ${why}`, { hint: 'Allow the host with --allow-host <host>, or --allow-any-host.' });
  }
}

/** A URL as the metadata names it, resolved against a base; null when it is none. */
export function parseUrl(ref: string, base: URL | string): URL | null {
  try {
    return new URL(ref, base);
  } catch {
    return null;
  }
}
