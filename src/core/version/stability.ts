import { ANY, END, asciiLower } from './pcre.js';

export type Stability = 'dev' | 'alpha' | 'beta' | 'RC' | 'stable';

/**
 * Composer's pre-release suffix: a separator, a stability word with optional numbers, an optional dev suffix.
 * Groups: 1 the word, 2 its numbers, 3 the dev suffix.
 */
export const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*)?)?([.-]?dev)?';

export const STABILITY_FLAGS = 'stable|RC|beta|alpha|dev';

const REFERENCE = new RegExp(`#${ANY}+${END}`, 'g');
const SUFFIX = new RegExp(`${MODIFIER}(?:\\+${ANY}*)?${END}`, 'i');

/** The stability of a version string, read from its suffix like VersionParser::parseStability. */
export function parseStability(version: string): Stability {
  const text = version.replace(REFERENCE, '');
  if (text.startsWith('dev-') || text.endsWith('-dev')) return 'dev';
  const match = SUFFIX.exec(asciiLower(text));
  if (match?.[3]) return 'dev';
  switch (match?.[1]) {
    case 'beta':
    case 'b':
      return 'beta';
    case 'alpha':
    case 'a':
      return 'alpha';
    case 'rc':
      return 'RC';
    default:
      return 'stable';
  }
}

/** The long name of a stability word as it appears in a normalized version ("b" → "beta", "pl" → "patch"). */
export function expandStability(word: string): string {
  const lower = asciiLower(word);
  switch (lower) {
    case 'a':
      return 'alpha';
    case 'b':
      return 'beta';
    case 'p':
    case 'pl':
      return 'patch';
    case 'rc':
      return 'RC';
    default:
      return lower;
  }
}
