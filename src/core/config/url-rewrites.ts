import { type SourceLocation, locationOf, relocated, relocatedArchive } from './source-location.js';

/** `"urlRewrites"`: URL prefix → replacement (another URL prefix or a local directory). */
export type UrlRewrites = Readonly<Record<string, string>>;

/** The URL rewritten by the rule with the longest matching prefix (a path when the result is not a URL); undefined when no rule matches. */
export function rewriteUrl(url: string, rewrites: UrlRewrites): SourceLocation | undefined {
  let best: string | undefined;
  for (const prefix of Object.keys(rewrites)) {
    if (url.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = prefix;
  }
  if (best === undefined) return undefined;
  return locationOf(`${rewrites[best]}${url.slice(best.length)}`);
}

type Entry = Record<string, unknown>;

function rewritten(entries: unknown, rewrites: UrlRewrites, move: typeof relocated): unknown {
  if (!Array.isArray(entries)) return entries;
  return entries.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null || typeof (entry as Entry).url !== 'string') return entry;
    const location = rewriteUrl((entry as Entry).url as string, rewrites);
    return location === undefined ? entry : move(entry as Entry, location);
  });
}

/** A raw config with its "urlRewrites" applied to the url of every source and archive source; a malformed rule set is left for the schema to report. */
export function applyUrlRewrites(raw: Entry): Entry {
  const rules = raw.urlRewrites;
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) return raw;
  if (!Object.values(rules).every((v) => typeof v === 'string')) return raw;
  return {
    ...raw,
    ...(raw.sources === undefined ? {} : { sources: rewritten(raw.sources, rules as UrlRewrites, relocated) }),
    ...(raw.archives === undefined ? {} : { archives: rewritten(raw.archives, rules as UrlRewrites, relocatedArchive) }),
  };
}
