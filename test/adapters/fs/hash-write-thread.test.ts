import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { HashWriteThread } from '../../../src/adapters/fs/hash-write-thread.js';

const work = mkdtempSync(join(tmpdir(), 'mageos-hash-write-'));
after(() => rmSync(work, { recursive: true, force: true }));

const sha1 = (data: Buffer) => createHash('sha1').update(data).digest('hex');
const bytes = (size: number, seed: number) => Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + seed) & 0xff));

describe('HashWriteThread', () => {
  it('writes the chunks of files in writing at once each to its file, in order, and answers each sha1', async () => {
    const thread = new HashWriteThread();
    try {
      const files = [0, 1].map((n) => ({ path: join(work, `f${n}`), fd: -1, id: thread.open(), chunks: [] as Buffer[] }));
      for (const f of files) f.fd = openSync(f.path, 'wx');
      // Small flushes, more than the thread has room for without waiting, and one larger than a slot of its ring.
      const sizes = [1, 70_000, 1024 * 1024, 3 * 1024 * 1024 + 5, 0, 17, 2 * 1024 * 1024];
      sizes.forEach((size, i) => {
        for (const f of files) {
          const data = bytes(size, i + f.id);
          const parts = [data.subarray(0, size >> 1), data.subarray(size >> 1)];
          thread.write(f.id, f.fd, parts, size);
          f.chunks.push(data);
        }
      });
      for (const f of files) {
        const expected = Buffer.concat(f.chunks);
        assert.equal(await thread.finish(f.id), sha1(expected));
        closeSync(f.fd);
        assert.ok(readFileSync(f.path).equals(expected));
      }
    } finally {
      await thread.close();
    }
  });

  it('answers the first write error of a file when it is finished, with its code; other files are written', async () => {
    if (!existsSync('/dev/full')) return;
    const thread = new HashWriteThread();
    try {
      const full = openSync('/dev/full', 'w');
      const path = join(work, 'fine');
      const fine = openSync(path, 'wx');
      const [a, b] = [thread.open(), thread.open()];
      thread.write(a, full, [Buffer.from('x')], 1);
      thread.write(b, fine, [Buffer.from('ok')], 2);
      await assert.rejects(thread.finish(a), (e: NodeJS.ErrnoException) => e.code === 'ENOSPC' && e.syscall === 'write');
      assert.equal(await thread.finish(b), sha1(Buffer.from('ok')));
      closeSync(full);
      closeSync(fine);
      assert.equal(readFileSync(path, 'utf8'), 'ok');
    } finally {
      await thread.close();
    }
  });

  it('lets a dropped file be closed once its writes are done', async () => {
    const thread = new HashWriteThread();
    try {
      const path = join(work, 'dropped');
      const fd = openSync(path, 'wx');
      const id = thread.open();
      thread.write(id, fd, [bytes(300_000, 1)], 300_000);
      await thread.drop(id);
      closeSync(fd);
      assert.equal(readFileSync(path).length, 300_000);
    } finally {
      await thread.close();
    }
  });
});
