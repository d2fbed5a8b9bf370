import { MageosError } from '../core/errors.js';

/** A repeatable option's values, in the order given (commander's argument parser for `--source a --source b`). */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * A whole-number option value of at least `min` (a usage error naming the option otherwise): `--concurrency 8`,
 * `--nights 14`, `--grace-days 0`.
 */
export function wholeNumberOption(flag: string, value: string, min: number, example: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < min) {
    const what = min === 1 ? 'a positive whole number' : `a whole number of at least ${min}`;
    throw new MageosError('ERR_USAGE', `${flag} ${value} is not ${what}`, { hint: `For example ${flag} ${example}.` });
  }
  return n;
}
