import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MageosError } from '../../../src/core/errors.js';
import { parsePublishTarget, targetLabel } from '../../../src/core/publish/publish-target.js';

describe('parsePublishTarget', () => {
  it('reads the bucket and a prefix that ends in /', () => {
    assert.deepEqual(parsePublishTarget('s3://packages/mirror'), { bucket: 'packages', prefix: 'mirror/' });
    assert.deepEqual(parsePublishTarget('s3://packages/a/b/'), { bucket: 'packages', prefix: 'a/b/' });
    assert.deepEqual(parsePublishTarget('s3://my.bucket-1'), { bucket: 'my.bucket-1', prefix: '' });
    assert.deepEqual(parsePublishTarget('s3://packages/'), { bucket: 'packages', prefix: '' });
    assert.equal(targetLabel(parsePublishTarget('s3://packages/mirror')), 's3://packages/mirror/');
  });

  it('refuses what is no S3 location, naming the problem (a usage error)', () => {
    for (const [text, why] of [
      ['packages/mirror', /must start with s3:\/\//],
      ['https://packages/mirror', /must start with s3:\/\//],
      ['s3://Packages/x', /"Packages" is not a bucket name/],
      ['s3://ab', /"ab" is not a bucket name/],
      ['s3:///mirror', /"" is not a bucket name/],
      ['s3://packages//mirror', /empty, "\." or "\.\." segment/],
      ['s3://packages/a/../b', /empty, "\." or "\.\." segment/],
      ['s3://packages/./b', /empty, "\." or "\.\." segment/],
      ['s3://packages/a\\b', /backslash/],
      ['s3://packages/a\nb', /control character/],
    ] as const) {
      assert.throws(() => parsePublishTarget(text), (e: MageosError) => e.code === 'ERR_USAGE' && why.test(e.message) && /s3:\/\/<bucket>\/<prefix>/.test(e.hint ?? ''), text);
    }
  });
});
