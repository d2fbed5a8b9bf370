/** Cache-Control by repository role: metadata changes on every build, published archives never do. */
export function cacheControlFor(relativePath: string): string {
  if (relativePath.startsWith('packages/') && relativePath.endsWith('.zip')) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}
