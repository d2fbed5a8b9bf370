import assert from 'node:assert/strict';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeDirectory, makeDirectorySync } from '../../../src/adapters/fs/make-directory.js';
import { removeTempDirs, tempDir } from '../../app/build-helpers.js';

after(removeTempDirs);

describe('makeDirectory / makeDirectorySync', () => {
  it('create missing parents, accept an existing directory, and tolerate another creator racing them', async () => {
    const root = tempDir();
    makeDirectorySync(join(root, 'a/b/c'));
    assert.ok(statSync(join(root, 'a/b/c')).isDirectory());
    makeDirectorySync(join(root, 'a/b/c'));
    await Promise.all(Array.from({ length: 8 }, () => makeDirectory(join(root, 'x/y/z'))));
    assert.ok(statSync(join(root, 'x/y/z')).isDirectory());
  });

  it('throw what mkdir says under a file (ENOTDIR) or where mkdir keeps answering ENOENT (/proc), once, instead of looping like node’s recursive mkdir', { skip: !existsSync('/proc/self') && 'no /proc' }, async () => {
    const root = tempDir();
    writeFileSync(join(root, 'file'), '');
    assert.throws(() => makeDirectorySync(join(root, 'file/sub/dir')), { code: 'ENOTDIR' });
    await assert.rejects(makeDirectory(join(root, 'file/sub')), { code: 'ENOTDIR' });
    assert.throws(() => makeDirectorySync('/proc/mageos-repo-test/.mageos-repo'), { code: 'ENOENT' });
    await assert.rejects(makeDirectory('/proc/mageos-repo-test/.mageos-repo'), { code: 'ENOENT' });
  });
});
