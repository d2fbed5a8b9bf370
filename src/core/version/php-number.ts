// Hand-written: PHP's `"<digits>" + 1`, which Composer uses to build range bounds, overflow to float included.

const INT64_MAX = 9223372036854775807n;

/** `$digits + 1` as PHP prints it: an integer, or past PHP_INT_MAX a float printed with precision 14. */
export function incrementDigits(digits: string): string {
  const value = BigInt(digits);
  if (value < INT64_MAX) return (value + 1n).toString();
  return phpFloatToString(Number(digits) + 1);
}

/** PHP's (string) of a float at the default precision of 14 significant digits ("%.14G", "1.0E+20"). */
export function phpFloatToString(value: number): string {
  if (!Number.isFinite(value) || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`only non-negative integral floats are supported, got ${value}`);
  }
  const exact = BigInt(value).toString();
  if (exact.length <= 14) return exact;
  const kept = BigInt(exact.slice(0, 14));
  const rest = exact.slice(14);
  const half = `5${'0'.repeat(rest.length - 1)}`;
  const roundUp = rest > half || (rest === half && kept % 2n === 1n);
  let mantissa = (roundUp ? kept + 1n : kept).toString();
  let exponent = exact.length - 1;
  if (mantissa.length > 14) {
    mantissa = mantissa.slice(0, 14);
    exponent++;
  }
  const fraction = mantissa.slice(1).replace(/0+$/, '');
  return `${mantissa.charAt(0)}.${fraction === '' ? '0' : fraction}E+${exponent}`;
}
