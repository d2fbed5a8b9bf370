import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTreeObject } from '../../../src/adapters/git/tree-object.js';

const oid = (byte: number) => Buffer.alloc(20, byte);
const entry = (mode: string, name: string, id: Buffer) => Buffer.concat([Buffer.from(`${mode} ${name}\0`), id]);

describe('parseTreeObject', () => {
  it('reads names, object ids and modes the way git ls-tree shows them', () => {
    const data = Buffer.concat([
      entry('100644', 'a.txt', oid(1)),
      entry('100755', 'run.sh', oid(2)),
      entry('120000', 'link', oid(3)),
      entry('40000', 'dir', oid(4)),
      entry('160000', 'sub', oid(5)),
      entry('100664', 'group-writable.txt', oid(6)),
      entry('100775', 'group-exec.sh', oid(7)),
      entry('100644', 'Übersetzung é.csv', oid(8)),
    ]);
    assert.deepEqual(parseTreeObject(data, 20), [
      { name: 'a.txt', mode: '100644', type: 'blob', oid: '01'.repeat(20) },
      { name: 'run.sh', mode: '100755', type: 'blob', oid: '02'.repeat(20) },
      { name: 'link', mode: '120000', type: 'blob', oid: '03'.repeat(20) },
      { name: 'dir', mode: '040000', type: 'tree', oid: '04'.repeat(20) },
      { name: 'sub', mode: '160000', type: 'commit', oid: '05'.repeat(20) },
      { name: 'group-writable.txt', mode: '100644', type: 'blob', oid: '06'.repeat(20) },
      { name: 'group-exec.sh', mode: '100755', type: 'blob', oid: '07'.repeat(20) },
      { name: 'Übersetzung é.csv', mode: '100644', type: 'blob', oid: '08'.repeat(20) },
    ]);
  });

  it('reads SHA-256 object ids', () => {
    assert.deepEqual(parseTreeObject(entry('100644', 'a', Buffer.alloc(32, 0xab)), 32), [{ name: 'a', mode: '100644', type: 'blob', oid: 'ab'.repeat(32) }]);
  });

  it('refuses a truncated tree', () => {
    assert.throws(() => parseTreeObject(entry('100644', 'a', oid(1)).subarray(0, 20), 20), /unreadable tree object/);
  });
});
