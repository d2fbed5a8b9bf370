import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { cacheClonePath } from '../../../src/adapters/git/cache-clone.js';
import { listTags, resolveRef } from '../../../src/adapters/git/refs.js';
import { openSourceRepository } from '../../../src/adapters/git/source-repository.js';
import { MageosError } from '../../../src/core/errors.js';
import { createRepo, makeTempDir } from '../../support/git-fixture.js';

function isSourceError(pattern: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof MageosError, String(error));
    assert.equal(error.code, 'ERR_SOURCE');
    assert.match(error.message, pattern);
    assert.ok(error.hint);
    return true;
  };
}

async function tagNames(gitDir: string): Promise<string[]> {
  return (await listTags(gitDir)).refs.map((tag) => tag.name);
}

describe('openSourceRepository with a url', () => {
  const remote = createRepo();
  remote.writeFile('composer.json', '{}\n');
  remote.commit('first');
  remote.tag('1.0.0', { annotated: true });
  remote.branch('2.4-develop');
  const url = pathToFileURL(remote.dir).href;
  const scratch = makeTempDir();
  after(() => {
    remote.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('clones into a bare cache clone named after the url the first time', async () => {
    const cacheDir = join(scratch, 'first');
    const progress: string[] = [];
    const opened = await openSourceRepository({ url }, { cacheDir, offline: false, onProgress: (msg) => progress.push(msg) });
    assert.equal(opened.fetched, true);
    assert.equal(opened.gitDir, cacheClonePath(cacheDir, url));
    assert.match(opened.gitDir, /mageos-repo-[a-z0-9]+-[0-9a-f]{10}\.git$/);
    assert.deepEqual(readdirSync(cacheDir), [opened.gitDir.split('/').at(-1)], 'no temporary clone is left behind');
    assert.deepEqual(await tagNames(opened.gitDir), ['1.0.0']);
    assert.equal((await resolveRef(opened.gitDir, 'refs/heads/2.4-develop')).commit, remote.git(['rev-parse', 'HEAD']));
    assert.equal(progress.length, 1);
    assert.match(progress[0] ?? '', /^cloning file:/);
  });

  it('fetches new tags and branches into the existing clone, prunes deleted ones and follows moved tags', async () => {
    const cacheDir = join(scratch, 'refetch');
    const { gitDir } = await openSourceRepository({ url }, { cacheDir, offline: false });
    writeFileSync(join(gitDir, 'marker'), 'the clone is reused, not replaced');
    remote.writeFile('composer.json', '{"version":"1.1.0"}\n');
    const second = remote.commit('second');
    remote.tag('1.1.0');
    remote.git(['tag', '-f', '1.0.0', second]);
    remote.branch('feature');
    remote.git(['branch', '-D', '2.4-develop']);

    const again = await openSourceRepository({ url }, { cacheDir, offline: false });
    assert.deepEqual(again, { gitDir, fetched: true });
    assert.ok(existsSync(join(gitDir, 'marker')));
    assert.deepEqual(await tagNames(gitDir), ['1.0.0', '1.1.0']);
    assert.equal((await resolveRef(gitDir, 'refs/tags/1.0.0')).commit, second);
    assert.equal((await resolveRef(gitDir, 'refs/heads/main')).commit, second);
    assert.equal((await resolveRef(gitDir, 'refs/heads/feature')).commit, second);
    await assert.rejects(resolveRef(gitDir, 'refs/heads/2.4-develop'));

    remote.git(['tag', '-d', '1.1.0']);
    await openSourceRepository({ url }, { cacheDir, offline: false });
    assert.deepEqual(await tagNames(gitDir), ['1.0.0']);
  });

  it('fails offline with ERR_SOURCE when there is no cached clone', async () => {
    const cacheDir = join(scratch, 'empty');
    await assert.rejects(
      openSourceRepository({ url }, { cacheDir, offline: true }),
      isSourceError(/^no cached clone of file:.* in .*empty$/),
    );
  });

  it('uses the cached clone offline without touching the remote', async () => {
    const other = createRepo();
    other.writeFile('a.txt', 'a');
    other.commit('only');
    other.tag('3.0.0');
    const otherUrl = pathToFileURL(other.dir).href;
    const cacheDir = join(scratch, 'offline');
    const { gitDir } = await openSourceRepository({ url: otherUrl }, { cacheDir, offline: false });
    other.cleanup();

    const progress: string[] = [];
    const opened = await openSourceRepository({ url: otherUrl }, { cacheDir, offline: true, onProgress: (msg) => progress.push(msg) });
    assert.deepEqual(opened, { gitDir, fetched: false });
    assert.deepEqual(progress, []);
    assert.deepEqual(await tagNames(gitDir), ['3.0.0']);
    await assert.rejects(openSourceRepository({ url: otherUrl }, { cacheDir, offline: false }), isSourceError(/could not fetch/));
  });

  it('fails with ERR_SOURCE naming the url and leaves nothing behind when the first fetch fails', async () => {
    const cacheDir = join(scratch, 'failing');
    const missing = pathToFileURL(join(scratch, 'no-such-repo')).href;
    await assert.rejects(
      openSourceRepository({ url: missing }, { cacheDir, offline: false }),
      isSourceError(/could not fetch file:.*no-such-repo: fatal: /),
    );
    assert.deepEqual(readdirSync(cacheDir), []);
  });

  it('refuses a url that git would read as an option', async () => {
    await assert.rejects(
      openSourceRepository({ url: '--upload-pack=touch /tmp/pwned' }, { cacheDir: join(scratch, 'opt'), offline: false }),
      isSourceError(/invalid source url/),
    );
  });
});

describe('cacheClonePath', () => {
  it('names the clone after the last path component of the url and a hash of the whole url', () => {
    const https = cacheClonePath('/cache', 'https://github.com/mage-os/mirror-security-package.git');
    const ssh = cacheClonePath('/cache', 'git@github.com:mage-os/mirror-security-package.git');
    assert.match(https, /^\/cache\/mirror-security-package-[0-9a-f]{10}\.git$/);
    assert.match(ssh, /^\/cache\/mirror-security-package-[0-9a-f]{10}\.git$/);
    assert.notEqual(https, ssh);
    assert.equal(https, cacheClonePath('/cache', 'https://github.com/mage-os/mirror-security-package.git'));
  });

  it('makes odd url endings into safe directory names', () => {
    assert.match(cacheClonePath('/c', 'https://example.com/Some Repo!/'), /^\/c\/some-repo-[0-9a-f]{10}\.git$/);
    assert.match(cacheClonePath('/c', 'https://example.com/..'), /^\/c\/repository-[0-9a-f]{10}\.git$/);
    assert.match(cacheClonePath('/c', 'file:///'), /^\/c\/repository-[0-9a-f]{10}\.git$/);
  });
});

describe('openSourceRepository with a path', () => {
  const scratch = makeTempDir();
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('reads a working-tree repository in place', async () => {
    const repo = createRepo();
    try {
      repo.commit('first');
      const opened = await openSourceRepository({ path: repo.dir }, { cacheDir: join(scratch, 'unused'), offline: false });
      assert.deepEqual(opened, { gitDir: join(realpathSync(repo.dir), '.git'), fetched: false });
      assert.ok(!existsSync(join(scratch, 'unused')));
    } finally {
      repo.cleanup();
    }
  });

  it('reads a bare repository in place, also offline', async () => {
    const bare = createRepo({ bare: true });
    try {
      const opened = await openSourceRepository({ path: bare.dir }, { cacheDir: scratch, offline: true });
      assert.deepEqual(opened, { gitDir: realpathSync(bare.dir), fetched: false });
    } finally {
      bare.cleanup();
    }
  });

  it('reads a linked worktree (whose .git is a file) through git', async () => {
    const repo = createRepo();
    try {
      repo.commit('first');
      const worktree = join(scratch, 'linked');
      repo.git(['worktree', 'add', '--detach', worktree]);
      const opened = await openSourceRepository({ path: worktree }, { cacheDir: scratch, offline: false });
      assert.equal(opened.gitDir, join(realpathSync(repo.dir), '.git', 'worktrees', 'linked'));
      assert.equal((await resolveRef(opened.gitDir, 'HEAD')).commit, repo.git(['rev-parse', 'HEAD']));
    } finally {
      repo.cleanup();
    }
  });

  it('fails with ERR_SOURCE for a directory that is not a git repository, even inside one', async () => {
    const repo = createRepo();
    try {
      mkdirSync(join(repo.dir, 'plain'));
      await assert.rejects(
        openSourceRepository({ path: join(repo.dir, 'plain') }, { cacheDir: scratch, offline: false }),
        isSourceError(/plain is not a git repository/),
      );
    } finally {
      repo.cleanup();
    }
  });

  it('fails with ERR_SOURCE for a path that does not exist', async () => {
    await assert.rejects(
      openSourceRepository({ path: join(scratch, 'nowhere') }, { cacheDir: scratch, offline: false }),
      isSourceError(/nowhere does not exist/),
    );
  });

  it('fails with ERR_SOURCE when the location has neither or both of url and path', async () => {
    await assert.rejects(openSourceRepository({}, { cacheDir: scratch, offline: false }), isSourceError(/neither url nor path/));
    await assert.rejects(
      openSourceRepository({ url: 'file:///x', path: scratch }, { cacheDir: scratch, offline: false }),
      isSourceError(/both url/),
    );
  });
});
