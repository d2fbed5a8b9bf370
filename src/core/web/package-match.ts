/**
 * The index filter's rule: every word of the query appears in the package's text (its name and description,
 * lower case), so "two factor" finds module-two-factor-auth. Self-contained: the page embeds its source.
 */
export function packageMatches(text: string, query: string): boolean {
  return query.toLowerCase().split(/\s+/).every((word) => text.includes(word));
}
