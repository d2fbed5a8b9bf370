import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createModulesRepo } from '../support/module-repo.js';
import { runCli } from '../support/cli.js';
import { removeTempDirs, tempDir } from '../app/build-helpers.js';

after(removeTempDirs);

/** A path below a plain file: nothing can be created there, whoever runs the test (root included). */
function belowAFile(): string {
  const file = join(tempDir(), 'a-file');
  writeFileSync(file, 'not a directory\n');
  return join(file, 'inside');
}

describe('places that cannot be written, and a first fetch that fails (command line)', () => {
  it('demo with a --source-dir that cannot be created names it and exits 7, with no stack trace', () => {
    const place = belowAFile();
    const run = runCli(['demo', '--source-dir', place, '--out', join(tempDir(), 'repo')]);
    assert.equal(run.code, 7, run.stderr);
    assert.match(run.stderr, new RegExp(`^error ERR_OUTPUT_UNUSABLE: Sample source directory ${place} is a file \\(or lies below one\\), not a directory: `, 'm'));
    assert.match(run.stderr, /^hint: Give a directory path\. \(--source-dir\)$/m);
    assert.doesNotMatch(run.stderr, /internal error|    at /);
  });

  it('a --cache-dir that cannot be created is named as the cache directory (exit 4), not an internal error', () => {
    const repo = createModulesRepo();
    const cache = belowAFile();
    const run = runCli(['build', '--source', `file://${repo.dir}`, '--cache-dir', cache, '--out', join(tempDir(), 'repo')]);
    assert.equal(run.code, 4, run.stderr);
    assert.match(run.stderr, /^error ERR_SOURCE: Cache directory .*a-file\/inside is a file \(or lies below one\), not a directory: /m);
    assert.match(run.stderr, /\(--cache-dir\)$/m);
    assert.doesNotMatch(run.stderr, /internal error|    at /);
    repo.cleanup();
  });

  it('a first fetch that fails does not suggest --offline, since there is no cache clone to build from; a later one does', () => {
    const repo = createModulesRepo();
    const cache = tempDir();
    const missing = `file://${join(tempDir(), 'no-such-repo.git')}`;
    const first = runCli(['build', '--source', missing, '--cache-dir', cache, '--out', join(tempDir(), 'repo')]);
    assert.equal(first.code, 4, first.stderr);
    assert.match(first.stderr, /^hint: Check the url, your network and credentials\. There is no cache clone of it yet, so --offline cannot build it either\.$/m);
    const url = `file://${repo.dir}`;
    assert.equal(runCli(['build', '--source', url, '--cache-dir', cache, '--out', join(tempDir(), 'repo')]).code, 0);
    repo.cleanup();
    const later = runCli(['build', '--source', url, '--cache-dir', cache, '--out', join(tempDir(), 'repo')]);
    assert.equal(later.code, 4, later.stderr);
    assert.match(later.stderr, /or build from the cache with --offline/);
  });
});
