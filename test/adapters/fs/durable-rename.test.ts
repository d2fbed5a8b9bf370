import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DurableRenames } from '../../../src/adapters/fs/durable-rename.js';

const work = mkdtempSync(join(tmpdir(), 'mageos-durable-'));
after(() => rmSync(work, { recursive: true, force: true }));

function scratch(name: string): { tmp: string; out: string } {
  const dir = join(work, name);
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  mkdirSync(join(dir, 'out'), { recursive: true });
  return { tmp: join(dir, 'tmp'), out: join(dir, 'out') };
}

describe('DurableRenames', () => {
  it('renames a file only when its batch is flushed, and reports each rename', async () => {
    const { tmp, out } = scratch('batch');
    const renames = new DurableRenames({ bytes: 1 << 20, files: 100, parallel: 2 });
    const renamed: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      writeFileSync(join(tmp, name), `content ${name}`);
      await renames.add(join(tmp, name), join(out, `${name}.zip`), 9, () => renamed.push(name));
    }
    // Below the limits nothing is final yet: a crash now leaves no file under its final name.
    assert.deepEqual(renamed, []);
    assert.equal(existsSync(join(out, 'a.zip')), false);
    await renames.flush();
    // In the order added, whichever fsync finished first: what the caller records stays in a stable order.
    assert.deepEqual(renamed, ['a', 'b', 'c']);
    for (const name of ['a', 'b', 'c']) {
      assert.equal(readFileSync(join(out, `${name}.zip`), 'utf8'), `content ${name}`);
      assert.equal(existsSync(join(tmp, name)), false);
    }
  });

  it('flushes by itself when the waiting bytes or files reach the limit', async () => {
    const { tmp, out } = scratch('limits');
    const byFiles = new DurableRenames({ bytes: 1 << 20, files: 2, parallel: 4 });
    const renamed: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      writeFileSync(join(tmp, name), name);
      await byFiles.add(join(tmp, name), join(out, name), 1, () => renamed.push(name));
    }
    assert.deepEqual([...renamed].sort(), ['a', 'b'], 'the second file reached the file limit');
    await byFiles.flush();
    assert.deepEqual([...renamed].sort(), ['a', 'b', 'c']);

    const byBytes = new DurableRenames({ bytes: 10, files: 100, parallel: 1 });
    writeFileSync(join(tmp, 'big'), 'x'.repeat(10));
    await byBytes.add(join(tmp, 'big'), join(out, 'big'), 10, () => renamed.push('big'));
    assert.equal(renamed.at(-1), 'big');
    assert.equal(existsSync(join(out, 'big')), true);
  });

  it('throws a failed file as described, renames the others and never the failed one', async () => {
    const { tmp, out } = scratch('failure');
    const renames = new DurableRenames({ bytes: 1 << 20, files: 100, parallel: 1 }, (error) => new Error(`described: ${(error as NodeJS.ErrnoException).code}`));
    writeFileSync(join(tmp, 'good'), 'good');
    const renamed: string[] = [];
    await renames.add(join(tmp, 'missing'), join(out, 'missing'), 1, () => renamed.push('missing'));
    await renames.add(join(tmp, 'good'), join(out, 'good'), 1, () => renamed.push('good'));
    await assert.rejects(renames.flush(), /described: ENOENT/);
    assert.deepEqual(renamed, ['good']);
    assert.equal(existsSync(join(out, 'missing')), false);
    assert.equal(readFileSync(join(out, 'good'), 'utf8'), 'good');
    // A flushed batch is gone: the next flush has nothing to report.
    await renames.flush();
  });
});
