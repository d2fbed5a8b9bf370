/** How a repository was reached, for reports: a directory (read only inside itself), or an origin and the other hosts allowed. */
export interface RepositoryAccess {
  repository: string;
  /** The origin of an http(s) repository; null for a directory. */
  origin: string | null;
  /** Hosts besides the origin that may be fetched (--allow-host), or ["*"] (--allow-any-host). */
  allowedHosts: string[];
  /** Origins besides the repository's own that files were fetched from. */
  otherOrigins: string[];
  /** Origins (or schemes, e.g. "file:") of URLs that were not fetched. */
  refused: string[];
}

/** One line saying where a repository was read from and what was refused, so a report never leaves it unsaid. */
export function accessLine(a: RepositoryAccess): string {
  if (a.origin === null) return `${a.repository}: read as a directory; only files inside it were opened`;
  const allowed = a.allowedHosts.includes('*') ? 'any host was allowed (--allow-any-host)' : a.allowedHosts.length > 0 ? `hosts allowed besides it: ${a.allowedHosts.join(', ')}` : 'no other host was allowed';
  const fetched = a.otherOrigins.length > 0 ? `; also fetched from ${a.otherOrigins.join(', ')}` : '';
  const refused = a.refused.length > 0 ? `; not fetched: ${a.refused.join(', ')}` : '';
  return `${a.repository}: fetched from ${a.origin}; ${allowed}${fetched}${refused}`;
}
