import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { writeProblem } from '../../src/adapters/write-problem.js';

const dir = mkdtempSync(join(tmpdir(), 'write-problem-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const failure = (code: string, message = `${code}: something`) => Object.assign(new Error(message), { code });

describe('why a place cannot be written', () => {
  it('names a read-only file system, a missing permission, a full disk and a file in the way', () => {
    assert.equal(writeProblem('/x', failure('EROFS'))?.problem, 'is on a read-only file system');
    assert.equal(writeProblem('/x', failure('EACCES'))?.problem, 'cannot be written (permission denied)');
    assert.equal(writeProblem('/x', failure('ENOSPC'))?.problem, 'is on a full file system');
    assert.equal(writeProblem('/x', failure('ENOTDIR'))?.problem, 'is a file (or lies below one), not a directory');
    assert.equal(writeProblem('/x', failure('EROFS', 'EROFS: read-only file system, mkdir /x'))?.said, 'EROFS: read-only file system, mkdir /x');
  });

  it('an ENOENT whose nearest existing parent can be written is not a problem of the place; other errors are left alone', () => {
    mkdirSync(join(dir, 'a'));
    assert.equal(writeProblem(join(dir, 'a', 'b', 'c'), failure('ENOENT')), undefined);
    assert.equal(writeProblem(join(dir, 'a'), failure('EMFILE')), undefined);
    assert.equal(writeProblem(join(dir, 'a'), new Error('no code')), undefined);
  });
});
