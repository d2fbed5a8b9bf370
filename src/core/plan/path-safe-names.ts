/** Package names and versions become file names (`packages/<vendor>/<name>-<version>.zip`): what they may hold. */

import { PACKAGE_NAME } from '../package-name.js';

/** Why a package name cannot be used, or null when it can. */
export function packageNameProblem(name: string): string | null {
  return PACKAGE_NAME.test(name) ? null : 'is not a Composer package name (lower case "vendor/name": letters, digits, ".", "_", "-")';
}

// Build metadata (`+...`) accepts any non-space character in Composer, so a valid version can still hold a path.
const SEPARATOR = /[/\\]/;
// Whitespace, C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.
const INVISIBLE = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/** Why a version cannot be part of a file name, or null when it can. */
export function versionFileNameProblem(version: string): string | null {
  if (version === '') return 'is empty';
  if (SEPARATOR.test(version)) return 'contains a path separator ("/" or "\\")';
  if (version === '.' || version === '..') return 'is a "." or ".." path segment';
  if (INVISIBLE.test(version)) return `contains whitespace or a control character (U+${invisibleCodePoint(version)})`;
  return null;
}

function invisibleCodePoint(version: string): string {
  const found = INVISIBLE.exec(version)?.[0] ?? '';
  return (found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}
