import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { S3Bucket } from '../../../src/adapters/s3/s3-bucket.js';
import { runPool } from '../../../src/app/builder/run-pool.js';
import { removeTempDirs, tempDir } from '../../app/build-helpers.js';
import { s3ServerForTests } from '../../support/s3-server.js';

const server = s3ServerForTests(['bucket'], removeTempDirs);
const headers = { contentType: 'application/json', cacheControl: 'no-cache' };
const MD5_OF_X = '9dd4e461268c8034f5c8564e155c67a6';

describe('S3Bucket (against s3rver)', () => {
  it('lists every object under the prefix, past the first page of 1,000, in key order, and nothing outside it', async () => {
    const bucket = await S3Bucket.connect({ bucket: 'bucket', prefix: 'many/' }, { endpoint: server().endpoint });
    const file = join(tempDir(), 'x');
    writeFileSync(file, 'x');
    // "packages.json" sorts before "packages/…" in S3's key order, and the page ends among the latter.
    const keys = [...Array.from({ length: 1005 }, (_, i) => `many/packages/acme/m${String(i).padStart(4, '0')}.zip`), 'many/packages.json', 'many/index.html'];
    await runPool([...keys, 'other/outside.json'], 16, async (key) => void (await bucket.put(key, file, 1, MD5_OF_X, 'sha', headers)));
    const listed = await bucket.list();
    assert.deepEqual([...listed.keys()].sort(), [...keys].sort());
    assert.deepEqual(listed.get('many/packages/acme/m1004.zip'), { size: 1, etag: MD5_OF_X }, 'the ETag of one PUT is the MD5, unquoted');
    bucket.close();
  });
});
