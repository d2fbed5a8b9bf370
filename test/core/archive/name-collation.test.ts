import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareWithCollator, nameComparator } from '../../../src/core/archive/name-collation.js';

const collatorCompare = new Intl.Collator('en-US').compare;

const sign = (n: number) => Math.sign(n);
const printable = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

/** A small deterministic generator (xorshift), so a failure names a reproducible case. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

describe('name collation', () => {
  const fast = nameComparator(['ascii only']);

  it('uses its own comparison for printable ASCII names and the collator for anything else', () => {
    assert.notEqual(fast, compareWithCollator);
    assert.equal(nameComparator(['a', 'é']), compareWithCollator);
    assert.equal(nameComparator(['a', 'tab\there']), compareWithCollator);
    assert.ok(compareWithCollator('é', 'f') < 0 && compareWithCollator('e', 'é') < 0);
  });

  it('orders every pair of printable ASCII characters and of two-character names as the en-US collator does', () => {
    for (const a of printable) for (const b of printable) assert.equal(sign(fast(a, b)), sign(collatorCompare(a, b)), JSON.stringify([a, b]));
    const pairs = printable.flatMap((a) => ['a', 'A', '_', '-', '0', '.', ' ', 'z'].map((b) => a + b));
    for (const a of pairs) for (const b of pairs) assert.equal(sign(fast(a, b)), sign(collatorCompare(a, b)), JSON.stringify([a, b]));
  });

  it('orders 200,000 random pairs of path-like names as the en-US collator does', () => {
    const next = random(0x5eed);
    // Names that share prefixes and differ in case, punctuation and length: where the levels of a collation show.
    const pieces = ['a', 'A', 'b', 'B', 'z', 'Z', '0', '1', '9', '.', '-', '_', '/', ' ', '~', '#', 'ab', 'Ab', 'AB', '.php', '.PHP', 'Model', 'model', 'etc', 'Etc'];
    const name = () => Array.from({ length: Math.floor(next() * 6) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
    for (let i = 0; i < 200_000; i++) {
      const a = name();
      const b = next() < 0.3 ? a + name() : name();
      assert.equal(sign(fast(a, b)), sign(collatorCompare(a, b)), JSON.stringify([a, b]));
    }
  });

  it('sorts a module-like path list to the same order as the collator', () => {
    const paths = ['registration.php', 'README.md', 'etc/module.xml', 'etc/adminhtml/system.xml', 'Model/Thing.php', 'Model/thing-helper.php', 'Model/Thing_Two.php', 'i18n/en_US.csv', 'Test/Unit/ThingTest.php', 'view/frontend/web/js/thing.min.js', '.htaccess', 'LICENSE.txt', 'LICENSE_AFL.txt', 'a b.txt', 'A-B.txt'];
    assert.deepEqual([...paths].sort(fast), [...paths].sort(collatorCompare));
  });
});
