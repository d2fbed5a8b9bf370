import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EntryCache } from '../../src/app/builder/artifact-writer.js';

const oid = (n: number) => n.toString(16).padStart(40, '0');

describe('EntryCache blob contents', () => {
  it('reads a blob once while archives ask for it at the same time, then hands out the bytes without a promise', async () => {
    const cache = new EntryCache();
    let reads = 0;
    const read = async () => {
      reads++;
      return Buffer.from('<?php // shared file');
    };
    const [a, b] = [cache.blob(oid(1), read), cache.blob(oid(1), read)];
    assert.ok(a instanceof Promise && b instanceof Promise);
    assert.equal((await a).toString(), '<?php // shared file');
    assert.equal(await b, await a);
    const later = cache.blob(oid(1), read);
    assert.ok(Buffer.isBuffer(later), 'a blob in memory is returned as it is');
    assert.equal(reads, 1);
  });

  it('does not keep a failed read: the next archive asks git again', async () => {
    const cache = new EntryCache();
    let attempts = 0;
    const failing = () => {
      attempts++;
      return Promise.reject(new Error('object missing'));
    };
    await assert.rejects(Promise.resolve(cache.blob(oid(2), failing)), /object missing/);
    await assert.rejects(Promise.resolve(cache.blob(oid(2), failing)), /object missing/);
    assert.equal(attempts, 2);
  });

  it('keeps large files out, keeps what is asked for again, and lets the rest go beyond its budget', async () => {
    const cache = new EntryCache();
    const reads = new Map<string, number>();
    const reader = (size: number, id: string) => async () => {
      reads.set(id, (reads.get(id) ?? 0) + 1);
      return Buffer.alloc(size, 1);
    };
    await cache.blob(oid(3), reader(2 * 1024 * 1024, 'large'));
    assert.ok(!Buffer.isBuffer(cache.blob(oid(3), reader(2 * 1024 * 1024, 'large'))), 'a 2 MiB file is read again');
    // 300 files of 256 KiB (75 MiB) pass through a 32 MiB budget (128 of them, in two generations of 64); the first one
    // is asked for again every 10, so it stays.
    const size = 256 * 1024;
    await cache.blob(oid(1000), reader(size, 'first'));
    for (let i = 1; i < 300; i++) {
      await cache.blob(oid(1000 + i), reader(size, `n${i}`));
      if (i % 10 === 0) assert.ok(Buffer.isBuffer(cache.blob(oid(1000), reader(size, 'first'))));
    }
    assert.ok(Buffer.isBuffer(cache.blob(oid(1000), reader(size, 'first'))), 'recently used: kept');
    assert.ok(!Buffer.isBuffer(cache.blob(oid(1001), reader(size, 'n1'))), 'not asked for again: let go');
    assert.ok(Buffer.isBuffer(cache.blob(oid(1299), reader(size, 'n299'))), 'the newest: kept');
    assert.equal(reads.get('first'), 1);
  });
});
