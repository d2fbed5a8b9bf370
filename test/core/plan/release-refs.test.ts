import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { releaseVersionOfTag, selectReleaseTags, type TagRef } from '../../../src/core/plan/release-refs.js';

const tag = (name: string): TagRef => ({ ref: `refs/tags/${name}`, name, commit: 'c', tree: 't', time: 0 });

describe('release tags', () => {
  it('takes tags that are Composer versions, dropping a leading v for the version', () => {
    assert.equal(releaseVersionOfTag('1.1.6-p3'), '1.1.6-p3');
    assert.equal(releaseVersionOfTag('v1.2.0-p1'), '1.2.0-p1');
    assert.equal(releaseVersionOfTag('2.4.7-beta1'), '2.4.7-beta1');
    assert.equal(releaseVersionOfTag('not-a-version'), null);
    assert.equal(releaseVersionOfTag('1.0-develop'), null);
  });

  it('orders releases byte-wise like git tag, and applies from, skip and only', () => {
    const tags = ['1.1.2', '1.1.10', '1.0.0', 'latest', '0.9.0', '1.1.3'].map(tag);
    const picked = selectReleaseTags(tags, { from: '1.0.0', skip: ['1.1.3'] });
    assert.deepEqual(picked.releases.map((r) => r.name), ['1.0.0', '1.1.10', '1.1.2']);
    assert.deepEqual(
      picked.ignored.map((i) => [i.tag, i.reason]),
      [['0.9.0', 'before 1.0.0'], ['1.1.3', 'in the skip list'], ['latest', 'not a Composer release version']],
    );
    assert.deepEqual(selectReleaseTags(tags, { only: ['1.1.2'] }).releases.map((r) => r.name), ['1.1.2']);
  });
});
