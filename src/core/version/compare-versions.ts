import { Answers } from '../answers.js';
import { phpVersionCompare } from './php-version-compare.js';

/** A branch version ("dev-main"): equal only to itself, never inside a range. */
export function isBranch(normalizedVersion: string): boolean {
  return normalizedVersion.startsWith('dev-');
}

// Sorting and release checks compare the same pairs again and again.
const orders = new Answers<number>(50_000);

/**
 * Orders two normalized versions like Composer\Semver\Comparator: dev < alpha < beta < RC < stable < patch,
 * "-dev" below its release, every dev-* branch below every numbered version.
 * Composer leaves two different branches unordered; here they fall back to code-unit order so sorting is total.
 */
export function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  if (isBranch(a) && isBranch(b)) return a < b ? -1 : 1;
  return orders.get(`${a}\0${b}`, () => phpVersionCompare(a, b));
}
