// The public archives sort entry names with an en-US collation (punctuation < digits < letters, letter case only
// deciding between names that are otherwise equal).

/**
 * The printable ASCII characters in en-US collation order, as ICU's root collation orders them; a letter's
 * capital follows its small letter and weighs the same except for case. Written out rather than read from
 * Intl.Collator: building a collator costs 8 ms at every start, and the archive format should not depend on the
 * ICU data of the node that builds it (a test holds this order equal to the collator's).
 */
const ORDER = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ";

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Per printable ASCII code: its rank when letter case is ignored (the collation's first level), from 1. */
const PRIMARY = new Uint8Array(128);
/** Per printable ASCII code: 1 for a capital letter (it sorts after its small letter when all else is equal). */
const CAPITAL = new Uint8Array(128);
{
  let rank = 0;
  for (const c of ORDER) {
    const capital = c !== c.toLowerCase();
    if (!capital) rank++;
    PRIMARY[c.charCodeAt(0)] = rank;
    CAPITAL[c.charCodeAt(0)] = capital ? 1 : 0;
  }
}

/**
 * Compares two names of printable ASCII as the en-US collation does (each such character is one collation
 * element: first the characters without case, then the case), in plain code: the collator's own compare cost a
 * microsecond a call, most of the time spent ordering a package's entries.
 */
function compareAscii(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (PRIMARY[a.charCodeAt(i)] as number) - (PRIMARY[b.charCodeAt(i)] as number);
    if (d !== 0) return d;
  }
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < n; i++) {
    const d = (CAPITAL[a.charCodeAt(i)] as number) - (CAPITAL[b.charCodeAt(i)] as number);
    if (d !== 0) return d;
  }
  return 0;
}

let collator: Intl.Collator | undefined;

/** The en-US collator's comparison, for names beyond printable ASCII (made at the first such name). */
export function compareWithCollator(a: string, b: string): number {
  collator ??= new Intl.Collator('en-US');
  return collator.compare(a, b);
}

/** The comparison that orders these names as the public archives do: the fast one when all are printable ASCII. */
export function nameComparator(names: Iterable<string>): (a: string, b: string) => number {
  for (const name of names) if (!PRINTABLE_ASCII.test(name)) return compareWithCollator;
  return compareAscii;
}
