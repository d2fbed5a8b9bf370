// Hand-written: makes JavaScript regular expressions read strings the way Composer's PCRE patterns do.

/** PCRE's `\s` without Unicode support: tab, LF, VT, FF, CR and space (JavaScript's `\s` knows many more). */
export const SPACE = '[\\t\\n\\v\\f\\r ]';

/** PCRE's `[^\s]`. */
export const NOT_SPACE = '[^\\t\\n\\v\\f\\r ]';

/** PCRE's `[^,\s]`. */
export const NOT_SPACE_OR_COMMA = '[^,\\t\\n\\v\\f\\r ]';

/** PCRE's `$` without the D modifier: the end of the subject, or just before a newline that ends it. */
export const END = '(?=\\n?$)';

/** PCRE's `.` without the s modifier: anything but LF (JavaScript's `.` also refuses CR, U+2028 and U+2029). */
export const ANY = '[^\\n]';

const TRIMMED = new Set([' ', '\t', '\n', '\r', '\0', '\v']);

/** PHP's trim(): only these six characters, not every Unicode space like String.prototype.trim. */
export function phpTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && TRIMMED.has(text.charAt(start))) start++;
  while (end > start && TRIMMED.has(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

/** PHP 8's strtolower(): ASCII letters only, whatever the locale. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
}

/** Like preg_quote(): the text as a literal inside a pattern. */
export function quotePattern(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/#:=!<>-]/g, '\\$&');
}
