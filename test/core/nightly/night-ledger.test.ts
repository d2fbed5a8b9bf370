import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changedPackages, type NightRecord, retainedNights, sameCommits } from '../../../src/core/nightly/night-ledger.js';
import { nightVersions } from '../../../src/core/nightly/nightly-version.js';

const night = (date: string, commit = 'a'): NightRecord => ({ night: date, sources: [{ name: 's', branch: 'develop', commit, tree: 't', time: 0, version: '1.0.0.1-a20261207' }], versions: {} });

describe('the nights a repository serves', () => {
  it('keeps the newest N nights, oldest first, and a night built again replaces itself', () => {
    const published = ['2026-12-01', '2026-12-02', '2026-12-03'].map((d) => night(d));
    assert.deepEqual(retainedNights(published, night('2026-12-04'), 2).map((n) => n.night), ['2026-12-03', '2026-12-04']);
    assert.deepEqual(retainedNights(published, night('2026-12-03', 'b'), 14).map((n) => `${n.night} ${n.sources[0]?.commit}`), ['2026-12-01 a', '2026-12-02 a', '2026-12-03 b']);
    assert.deepEqual(retainedNights(published, null, 0).map((n) => n.night), ['2026-12-03'], 'at least the served night stays');
  });

  it('a night whose sources are all at the same commits has nothing new', () => {
    assert.equal(sameCommits(night('x', 'a').sources, night('y', 'a')), true);
    assert.equal(sameCommits(night('x', 'b').sources, night('y', 'a')), false);
    assert.equal(sameCommits(night('x').sources, undefined), false);
    assert.equal(sameCommits([...night('x').sources, { name: 't', branch: 'main', commit: 'a', tree: 't', time: 0, version: '1.0.0.1-a20261207' }], night('y')), false, 'a new source is a change');
  });

  it('a package gets its nightly version from its base, or from 0.0.1 when the newest tag lacks it', () => {
    const versions = nightVersions(['acme/b', 'acme/a'], new Map([['acme/a', '1.2.3-p1']]), '20261207');
    assert.deepEqual([...versions], [
      ['acme/a', '1.2.3.1-a20261207+p1'],
      ['acme/b', '0.0.1.1-a20261207'],
    ]);
  });
});

describe('what changed since the night before', () => {
  it('lists packages whose content key is new or different, not those that only got a new version', () => {
    const before = { ...night('2026-12-06'), contents: { 'acme/a': 'k1', 'acme/b': 'k2' } };
    const tonight = { ...night('2026-12-07'), contents: { 'acme/a': 'k1', 'acme/b': 'k3', 'acme/c': 'k4' } };
    assert.deepEqual(changedPackages(tonight, before), ['acme/b', 'acme/c']);
    assert.deepEqual(changedPackages(tonight, undefined), ['acme/a', 'acme/b', 'acme/c'], 'the first night is all new');
  });
});
