/**
 * The index filter's rule: every word of the query appears in the package's text (its name and description,
 * lower case), so "two factor" finds module-two-factor-auth. Kept as JavaScript source, which the page embeds: the
 * bytes of index.html must not depend on how this tool was compiled (tsx and the esbuild bundle print a function
 * differently).
 */
export const PACKAGE_MATCH_SOURCE = '(text, query) => query.toLowerCase().split(/\\s+/).every((word) => text.includes(word))';

/** The same rule in node, made from that very source so that the page and the tests cannot disagree. */
export const packageMatches = new Function(`return ${PACKAGE_MATCH_SOURCE}`)() as (text: string, query: string) => boolean;
