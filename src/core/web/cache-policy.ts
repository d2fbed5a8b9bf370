const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Cache-Control by repository role: published archives and the content-addressed `p/…$<sha256>.json` files never
 * change under their name; everything else (packages.json, p2/, the pages) changes on every build and is
 * revalidated, at once (`no-cache`, the default) or after `metadataMaxAge` seconds (what a CDN in front may hold it).
 */
export function cacheControlFor(relativePath: string, metadataMaxAge = 0): string {
  if (relativePath.startsWith('packages/') && relativePath.endsWith('.zip')) return IMMUTABLE;
  if (/^p\/.+\$[0-9a-f]{64}\.json$/.test(relativePath)) return IMMUTABLE;
  return metadataMaxAge > 0 ? `public, max-age=${metadataMaxAge}, must-revalidate` : 'no-cache';
}
