import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FilePacker } from '../../../src/core/plan/packed-files.js';
import type { ArtifactFile } from '../../../src/core/plan/types.js';

const sha1 = (n: number) => n.toString(16).padStart(40, '0');

describe('FilePacker', () => {
  it('gives back paths, object ids and executable bits as they were, sharing paths between lists', () => {
    const packer = new FilePacker();
    const first: ArtifactFile[] = [
      { path: 'composer.json', oid: sha1(1), executable: false },
      { path: 'bin/magento', oid: 'f'.repeat(40), executable: true },
      { path: 'Ünïcode/näme.php', oid: sha1(0xabcdef), executable: false },
    ];
    const second: ArtifactFile[] = [{ path: 'bin/magento', oid: sha1(2), executable: false }];
    const [a, b] = [packer.pack(first), packer.pack(second)];
    assert.ok(a !== null && b !== null);
    assert.equal(a.oids.length, 60, 'twenty bytes an object id');
    assert.deepEqual(packer.unpack(a), first);
    assert.deepEqual(packer.unpack(b), second);
    assert.equal(b.pathIds[0], (a.pathIds[1] as number) & 0x7fff_ffff, 'the path is stored once');
  });

  it('packs SHA-256 object ids in 32 bytes', () => {
    const packer = new FilePacker();
    const files: ArtifactFile[] = [{ path: 'a', oid: '0123456789abcdef'.repeat(4), executable: false }];
    const packed = packer.pack(files);
    assert.equal(packed?.oids.length, 32);
    assert.deepEqual(packer.unpack(packed as NonNullable<typeof packed>), files);
  });

  it('packs an empty list', () => {
    const packer = new FilePacker();
    const packed = packer.pack([]);
    assert.ok(packed !== null);
    assert.deepEqual(packer.unpack(packed), []);
  });

  it('leaves unpacked what it could not give back as it was', () => {
    const packer = new FilePacker();
    const file = (oid: string, extra: Partial<ArtifactFile> = {}): ArtifactFile => ({ path: 'a', oid, executable: false, ...extra });
    assert.equal(packer.pack([file(sha1(1), { source: 'other' })]), null, 'a file of another source');
    assert.equal(packer.pack([file('A'.repeat(40))]), null, 'upper-case hex');
    assert.equal(packer.pack([file('g'.repeat(40))]), null, 'not hex');
    assert.equal(packer.pack([file('a'.repeat(39))]), null, 'an odd length');
    assert.equal(packer.pack([file(sha1(1)), file('0'.repeat(64))]), null, 'lengths that differ');
  });
});
