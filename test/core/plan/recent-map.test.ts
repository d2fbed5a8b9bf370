import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecentMap } from '../../../src/core/plan/recent-map.js';

describe('RecentMap', () => {
  it('keeps what the release under way or the one before used, and lets go of the rest at the next release', () => {
    const map = new RecentMap<string, string>((v) => v.length, 1000);
    map.set('a', 'x');
    map.set('b', 'y');
    map.nextRelease();
    assert.equal(map.get('a'), 'x', 'set in the release before');
    map.nextRelease();
    assert.equal(map.get('a'), 'x', 'used in the release before: still there');
    assert.equal(map.get('b'), undefined, 'unused for a whole release: let go');
    map.nextRelease();
    map.nextRelease();
    assert.equal(map.get('a'), undefined);
  });

  it('starts over when a value would take it past its size, and counts a replaced value once', () => {
    const map = new RecentMap<string, string>((v) => v.length, 10);
    map.set('a', '1234');
    map.set('a', '12345');
    map.nextRelease();
    map.set('b', '12345');
    assert.equal(map.get('a'), '12345', '5 + 5 fits');
    map.set('c', '1');
    assert.equal(map.get('a'), undefined, 'past 10: started over');
    assert.equal(map.get('b'), undefined);
    assert.equal(map.get('c'), '1');
    map.clear();
    assert.equal(map.get('c'), undefined);
  });
});
