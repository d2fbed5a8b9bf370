import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffFiles, isEmptyFileDiff, packageFiles } from '../../../src/core/verify/file-diff.js';
import { pathFilter } from '../../../src/core/verify/name-filter.js';

const file = (path: string, crc32 = 1, size = 10, mode = 0o644) => ({ path, crc32, size, mode });

describe('packageFiles', () => {
  it('leaves out directories and the root composer.json, strips the archive root, drops ignored paths', () => {
    const entries = [
      { name: 'pkg-abc/', isDirectory: true, crc32: 0, size: 0, mode: 0o755 },
      { name: 'pkg-abc/composer.json', isDirectory: false, crc32: 5, size: 5, mode: 0o644 },
      { name: 'pkg-abc/src/A.php', isDirectory: false, crc32: 6, size: 6, mode: 0o644 },
      { name: 'pkg-abc/docs/README.md', isDirectory: false, crc32: 7, size: 7, mode: 0o644 },
      { name: 'pkg-abc/sub/composer.json', isDirectory: false, crc32: 8, size: 8, mode: 0o644 },
    ];
    assert.deepEqual(packageFiles(entries, 'pkg-abc/', pathFilter(['**/*.md'])).map((f) => f.path), ['src/A.php', 'sub/composer.json']);
  });
});

describe('diffFiles', () => {
  it('reports files only in ours as added, only in the reference as missing, and content and mode changes', () => {
    const diff = diffFiles([file('a'), file('b', 2), file('c', 1, 10, 0o755), file('new')], [file('a'), file('b', 3, 11), file('c'), file('gone')]);
    assert.deepEqual(diff, {
      added: ['new'],
      missing: ['gone'],
      changed: [
        { path: 'b', content: { ours: { crc32: '00000002', size: 10 }, reference: { crc32: '00000003', size: 11 } } },
        { path: 'c', mode: { ours: '0755', reference: '0644' } },
      ],
    });
    assert.equal(isEmptyFileDiff(diff), false);
  });

  it('does not compare modes where an archive has none (made on a system without them)', () => {
    assert.ok(isEmptyFileDiff(diffFiles([file('a', 1, 10, 0o755)], [file('a', 1, 10, 0)])));
  });
});
