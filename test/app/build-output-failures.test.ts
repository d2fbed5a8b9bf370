import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OutputDirectory } from '../../src/adapters/fs/output-directory.js';
import type { MageosError } from '../../src/core/errors.js';
import { snapshotFiles } from '../support/repository-files.js';
import { createModulesRepo, writeMetapackage, writeModule } from '../support/module-repo.js';
import type { FixtureRepo } from '../support/git-fixture.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';

after(removeTempDirs);

const lockFile = (out: string) => join(out, '.mageos-repo', 'lock');
const metadataOf = (out: string) => Object.fromEntries(Object.entries(snapshotFiles(out)).filter(([f]) => !f.endsWith('.zip')));

/** A release 1.2.0 with a new module version, so that the next build writes archives. */
function addRelease(repo: FixtureRepo): void {
  writeModule(repo, 'ModA', 'acme/module-a', '1.2.0', { 'Model/Other.php': '<?php class Other {}\n' });
  writeMetapackage(repo, 'acme/bundle', { 'acme/module-a': '1.2.0', 'acme/module-b': '1.1.0' });
  repo.commit('1.2.0');
  repo.tag('1.2.0');
}

/** Every file whose name ends in .tmp, outside the scratch space. */
function strayTemporaryFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (path === join(root, '.mageos-repo', 'tmp')) continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.tmp')) found.push(relative(root, path));
    }
  };
  walk(root);
  return found;
}

describe('a build that loses its lock', () => {
  for (const how of ['deleted', 'taken over'] as const) {
    it(`stops with ERR_LOCK_LOST when its lock is ${how} while it writes archives, and publishes no metadata`, async () => {
      const repo = createModulesRepo();
      const out = tempDir();
      const config = { sources: [{ path: repo.dir }] };
      assert.deepEqual((await buildRepo(config, out)).errors, []);
      const before = metadataOf(out);
      addRelease(repo);
      const other = JSON.stringify({ pid: process.pid, host: hostname(), started: 'now', token: 'another-build' });
      let done = false;
      const onProgress = (p: { phase: string }) => {
        if (p.phase !== 'build' || done) return;
        done = true;
        if (how === 'deleted') rmSync(lockFile(out));
        else writeFileSync(lockFile(out), other);
      };
      await assert.rejects(buildRepo(config, out, { onProgress }), (e: MageosError) => {
        assert.equal(e.code, 'ERR_LOCK_LOST');
        assert.equal(e.exitCode, 6);
        assert.match(e.message, new RegExp(`its lock .* was ${how}`));
        return true;
      });
      assert.ok(done, 'the lock was changed during the build');
      assert.deepEqual(metadataOf(out), before, 'packages.json, p2 and index.html are as they were');
      if (how === 'taken over') assert.equal(readFileSync(lockFile(out), 'utf8'), other, 'the other build’s lock is left alone');
      else assert.equal(existsSync(lockFile(out)), false);
      repo.cleanup();
    });
  }
});

describe('a full file system (a small tmpfs; needs root)', () => {
  let mountPoint = '';
  let mounted = false;
  let why = '';
  before(() => {
    mountPoint = join(tempDir(), 'tmpfs');
    mkdirSync(mountPoint);
    const run = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint], { encoding: 'utf8' });
    mounted = run.status === 0;
    why = `cannot mount a tmpfs here (${(run.stderr || run.error?.message || '').trim()}): the full-disk cases are not tested`;
  });
  after(() => {
    if (mounted) spawnSync('umount', [mountPoint]);
  });

  /** Fills the file system that holds `dir` to the last byte. */
  function fill(dir: string): void {
    const fd = openSync(join(dir, 'filler'), 'w');
    const chunk = Buffer.alloc(64 * 1024);
    try {
      for (let size = chunk.length; size >= 1; ) {
        try {
          writeSync(fd, chunk, 0, size);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          size = Math.floor(size / 2);
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  /** Frees `pages` pages of the filler (tmpfs gives each file whole pages): room for the lock file, not for more. */
  function leave(pages: number): void {
    const filler = join(mountPoint, 'filler');
    truncateSync(filler, statSync(filler).size - pages * 4096);
  }

  const isFull = (e: MageosError) => {
    assert.equal(e.code, 'ERR_OUTPUT_UNUSABLE');
    assert.equal(e.exitCode, 7);
    assert.match(e.message, /is on a full file system/);
    return true;
  };

  it('metadata, archives and the state of a new repository: exit 7 "full file system", published files as they were, no temporary file beside them', async (t) => {
    if (!mounted) return t.skip(why);
    const repo = createModulesRepo();
    const out = join(mountPoint, 'repo');
    const config = { sources: [{ path: repo.dir }] };
    assert.deepEqual((await buildRepo(config, out)).errors, []);
    const published = snapshotFiles(out);
    fill(mountPoint);
    await assert.rejects(buildRepo(config, out), isFull, 'not even the lock fits');
    assert.deepEqual(strayTemporaryFiles(mountPoint), []);
    leave(1);
    // Metadata: another base URL changes every metadata file and no archive.
    await assert.rejects(buildRepo({ ...config, baseUrl: 'https://elsewhere.example/' }, out), isFull);
    assert.deepEqual(snapshotFiles(out), published);
    assert.deepEqual(strayTemporaryFiles(mountPoint), []);
    // Archives: a new release.
    addRelease(repo);
    await assert.rejects(buildRepo(config, out), isFull);
    assert.deepEqual(snapshotFiles(out), published);
    assert.deepEqual(strayTemporaryFiles(mountPoint), []);
    // State: the state file of a repository, and that of a new repository (claimed by writing its state first).
    const state = readFileSync(join(out, '.mageos-repo', 'state.json'));
    const dir = await OutputDirectory.open(out, 'mageos', false);
    await assert.rejects(dir.saveState(), isFull);
    await dir.close();
    assert.deepEqual(readFileSync(join(out, '.mageos-repo', 'state.json')), state);
    await assert.rejects(buildRepo(config, join(mountPoint, 'new')), isFull);
    assert.equal(existsSync(join(mountPoint, 'new')), false, 'the new directory is given back');
    // Space again: the next build finishes the work.
    rmSync(join(mountPoint, 'filler'));
    const again = await buildRepo(config, out);
    assert.deepEqual(again.errors, []);
    assert.equal(again.counts.built, 2);
    repo.cleanup();
  });
});
