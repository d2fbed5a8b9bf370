import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { closestName, editDistance } from '../../../src/core/config/closest-name.js';

describe('closest name (did you mean)', () => {
  it('counts a missing, extra, wrong or swapped letter as one edit, a wrong case as half of one', () => {
    assert.equal(editDistance('exlude', 'exclude'), 1);
    assert.equal(editDistance('packagess', 'packages'), 1);
    assert.equal(editDistance('fromRaf', 'fromRef'), 1);
    assert.equal(editDistance('form', 'from'), 1);
    assert.equal(editDistance('fromref', 'fromRef'), 1);
    assert.equal(editDistance('colour', 'title'), 6);
  });

  it('suggests the closest known name, and nothing when none is close', () => {
    const fields = ['type', 'dir', 'exclude', 'emptyDirs', 'composerJson'];
    assert.equal(closestName('exlude', fields), 'exclude');
    assert.equal(closestName('emptydirs', fields), 'emptyDirs');
    assert.equal(closestName('colour', fields), undefined);
    assert.equal(closestName('x', fields), undefined);
  });

  it('an edit distance is zero only for the same name, and the same both ways', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        assert.equal(editDistance(a, b) === 0, a === b);
        assert.equal(editDistance(a, b), editDistance(b, a));
      }),
    );
  });
});
