// Hand-written port of PHP's version_compare(), the comparison under every Composer constraint.

const SPECIAL_FORMS: ReadonlyArray<readonly [string, number]> = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];

/** The rank PHP gives a word: dev < alpha < beta < RC < "#" (a number) < pl, anything unknown below dev. */
function specialFormOrder(form: string): number {
  for (const [name, order] of SPECIAL_FORMS) if (form.startsWith(name)) return order;
  return -1;
}

function compareSpecialForms(a: string, b: string): number {
  return Math.sign(specialFormOrder(a) - specialFormOrder(b));
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlnum = (c: string): boolean => isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/** Puts a dot between digit and non-digit runs and turns "-", "_", "+" and other symbols into single dots. */
function canonicalize(version: string): string {
  if (version === '') return '';
  let out = version.charAt(0);
  let previous = out;
  for (let i = 1; i < version.length; i++) {
    const c = version.charAt(i);
    const dotted = out.endsWith('.');
    const wasDigit = isDigit(previous);
    const wasOther = !wasDigit && previous !== '.';
    const isOther = !isDigit(c) && c !== '.';
    if (c === '-' || c === '_' || c === '+') {
      if (!dotted) out += '.';
    } else if ((wasOther && isDigit(c)) || (wasDigit && isOther)) {
      out += dotted ? c : `.${c}`;
    } else if (!isAlnum(c)) {
      if (!dotted) out += '.';
    } else {
      out += c;
    }
    previous = c;
  }
  return out;
}

/** C's strtol() on a run of digits, saturating at LONG_MAX, compared without precision loss. */
function compareNumbers(a: string, b: string): number {
  const x = clampToLong(/^\d*/.exec(a)?.[0] ?? '');
  const y = clampToLong(/^\d*/.exec(b)?.[0] ?? '');
  return x === y ? 0 : x < y ? -1 : 1;
}

const LONG_MAX = 9223372036854775807n;

function clampToLong(digits: string): bigint {
  const value = digits === '' ? 0n : BigInt(digits);
  return value > LONG_MAX ? LONG_MAX : value;
}

function compareSegments(a: string, b: string): number {
  const aDigit = isDigit(a.charAt(0));
  const bDigit = isDigit(b.charAt(0));
  if (aDigit && bDigit) return compareNumbers(a, b);
  if (!aDigit && !bDigit) return compareSpecialForms(a, b);
  return aDigit ? compareSpecialForms('#N#', b) : compareSpecialForms(a, '#N#');
}

/** PHP's version_compare($a, $b): -1, 0 or 1. Strings end at a NUL byte, as they do for the C code. */
export function phpVersionCompare(left: string, right: string): number {
  return compareBytes(cutAtNul(utf8Bytes(left)), cutAtNul(utf8Bytes(right)));
}

function compareBytes(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? -1 : 1;
  const v1 = a.startsWith('#') ? a : canonicalize(a);
  const v2 = b.startsWith('#') ? b : canonicalize(b);
  let p1 = 0;
  let p2 = 0;
  let n1: number | null = 0;
  let n2: number | null = 0;
  let compare = 0;
  while (p1 < v1.length && p2 < v2.length && n1 !== null && n2 !== null) {
    const dot1 = v1.indexOf('.', p1);
    const dot2 = v2.indexOf('.', p2);
    n1 = dot1 === -1 ? null : dot1;
    n2 = dot2 === -1 ? null : dot2;
    compare = compareSegments(v1.slice(p1, n1 ?? v1.length), v2.slice(p2, n2 ?? v2.length));
    if (compare !== 0) break;
    if (n1 !== null) p1 = n1 + 1;
    if (n2 !== null) p2 = n2 + 1;
  }
  if (compare !== 0) return compare;
  if (n1 !== null) return isDigit(v1.charAt(p1)) ? 1 : compareBytes(v1.slice(p1), '#N#');
  if (n2 !== null) return isDigit(v2.charAt(p2)) ? -1 : compareBytes('#N#', v2.slice(p2));
  return 0;
}

/** PHP works on bytes: non-ASCII text takes part as its UTF-8 bytes, one character per byte. */
function utf8Bytes(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  return String.fromCharCode(...new TextEncoder().encode(text));
}

function cutAtNul(text: string): string {
  const nul = text.indexOf('\0');
  return nul === -1 ? text : text.slice(0, nul);
}
