import { MatchAllConstraint, VersionConstraint, type Constraint } from './constraint.js';
import { invalidConstraint } from './invalid-version.js';
import { normalizeVersion } from './normalize-version.js';
import { END, NOT_SPACE } from './pcre.js';
import { incrementDigits } from './php-number.js';
import { MODIFIER } from './stability.js';

/** Up to four numbers and a modifier or ".x-dev". Groups: 1-4 numbers, 5-7 modifier, 8 "x-dev". */
const VERSION = `v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.(\\d+))?(?:${MODIFIER}|\\.([xX*][.-]?dev))(?:\\+${NOT_SPACE}+)?`;
const WILDCARD = new RegExp(`^(v)?[xX*](\\.[xX*])*${END}`, 'i');
const TILDE = new RegExp(`^~>?${VERSION}${END}`, 'i');
const CARET = new RegExp(`^\\^${VERSION}(${END})`, 'i');
const X_RANGE = new RegExp(`^v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.[xX*])+${END}`);
const HYPHEN = new RegExp(`^(${VERSION}) +- +(${VERSION})(${END})`, 'i');

type Parts = ReadonlyArray<string | undefined>;

const filled = (part: string | undefined): boolean => part !== undefined && part !== '';

/** "*", "x", "*.*" or "v*": everything (the longer forms exclude branches by requiring >= 0.0.0.0-dev). */
export function parseWildcard(constraint: string): Constraint[] | null {
  const match = WILDCARD.exec(constraint);
  if (!match) return null;
  if (filled(match[1]) || filled(match[2])) return [new VersionConstraint('>=', '0.0.0.0-dev')];
  return [new MatchAllConstraint()];
}

/** "~1.2" is ">=1.2 <2.0", "~1.2.3" is ">=1.2.3 <1.3": the last given number may grow. */
export function parseTilde(constraint: string): Constraint[] | null {
  const match = TILDE.exec(constraint);
  if (!match) return null;
  if (constraint.startsWith('~>')) {
    throw invalidConstraint(
      `Could not parse version constraint ${constraint}: Invalid operator "~>", you probably meant to use the "~" operator`,
      constraint,
    );
  }
  let position = filled(match[4]) ? 4 : filled(match[3]) ? 3 : filled(match[2]) ? 2 : 1;
  // "~2.x-dev" and "~3.0.x-dev" count the x as a given number.
  if (filled(match[8])) position++;
  const low = normalizeVersion(constraint.slice(1) + lowSuffix(match[5], match[7], match[8]));
  const high = bumpVersion(match, Math.max(1, position - 1));
  return [new VersionConstraint('>=', low), new VersionConstraint('<', `${high}-dev`)];
}

/** "^1.2.3" allows everything up to the next change of the left-most non-zero number. */
export function parseCaret(constraint: string): Constraint[] | null {
  const match = CARET.exec(constraint);
  if (!match) return null;
  let position = 3;
  if (match[1] !== '0' || !filled(match[2])) position = 1;
  else if (match[2] !== '0' || !filled(match[3])) position = 2;
  const low = normalizeVersion(constraint.slice(1) + lowSuffix(match[5], match[7], match[8]));
  const high = bumpVersion(match, position);
  return [new VersionConstraint('>=', low), new VersionConstraint('<', `${high}-dev`)];
}

/** "1.2.*" or "1.2.x": any version starting with the given numbers, unstable ones included. */
export function parseXRange(constraint: string): Constraint[] | null {
  const match = X_RANGE.exec(constraint);
  if (!match) return null;
  const position = filled(match[3]) ? 3 : filled(match[2]) ? 2 : 1;
  const low = `${padVersion(match, position)}-dev`;
  const high = `${bumpVersion(match, position)}-dev`;
  if (low === '0.0.0.0-dev') return [new VersionConstraint('<', high)];
  return [new VersionConstraint('>=', low), new VersionConstraint('<', high)];
}

/** "1.0 - 2.1" is ">=1.0 <2.2": a partial upper end allows everything that starts with it. */
export function parseHyphenRange(constraint: string): Constraint[] | null {
  const match = HYPHEN.exec(constraint);
  if (!match) return null;
  const from = match[1] ?? '';
  const to = match[10] ?? '';
  const low = normalizeVersion(from) + lowSuffix(match[6], match[8], match[9]);
  const lower = new VersionConstraint('>=', low);
  const exactEnd = (filled(match[12]) && filled(match[13])) || filled(match[15]) || filled(match[17]) || filled(match[18]);
  if (exactEnd) return [lower, new VersionConstraint('<=', normalizeVersion(to))];
  normalizeVersion(to);
  const high = bumpVersion([undefined, match[11], match[12], match[13], match[14]], filled(match[12]) ? 2 : 1);
  return [lower, new VersionConstraint('<', `${high}-dev`)];
}

/** Without a stability of its own, a lower bound also takes the dev releases of that version. */
function lowSuffix(word?: string, dev?: string, xDev?: string): string {
  return filled(word) || filled(dev) || filled(xDev) ? '' : '-dev';
}

/** The numbers up to `position` as written, zeros after (VersionParser::manipulateVersionString). */
function padVersion(parts: Parts, position: number): string {
  const numbers: string[] = [];
  for (let i = 1; i <= 4; i++) numbers.push(i > position ? '0' : (parts[i] ?? ''));
  return numbers.join('.');
}

/** Like padVersion, with the number at `position` raised by one as PHP adds (overflowing to a float). */
function bumpVersion(parts: Parts, position: number): string {
  const numbers: string[] = [];
  for (let i = 1; i <= 4; i++) {
    const part = parts[i] ?? '';
    numbers.push(i > position ? '0' : i === position ? incrementDigits(part) : part);
  }
  return numbers.join('.');
}
