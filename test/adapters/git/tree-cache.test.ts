import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { BlobReader } from '../../../src/adapters/git/blob-reader.js';
import { listTree } from '../../../src/adapters/git/tree.js';
import { TreeCache } from '../../../src/adapters/git/tree-cache.js';
import { flatReleaseTree, type ReleaseTree } from '../../../src/core/plan/release-tree.js';
import { createRepo } from '../../support/git-fixture.js';

/** Everything planning asks of a tree, for comparing two implementations. */
function answers(tree: ReleaseTree, dirs: string[]) {
  return {
    composerJsonDirs: [...tree.composerJsonDirs()].sort(),
    subdirectories: dirs.map((dir) => tree.subdirectories(dir)),
    filesUnder: dirs.map((dir) => tree.filesUnder(dir)),
  };
}

describe('TreeCache', () => {
  const repo = createRepo();
  const gitDir = `${repo.dir}/.git`;
  repo.writeFile('composer.json', '{}\n');
  repo.writeFile('ModA/composer.json', '{"name": "v/a"}\n');
  repo.writeFile('ModA/Model/Deep/Nested/File.php', '<?php\n');
  repo.writeFile('ModA/bin/tool', '#!/bin/sh\n', { mode: 0o755 });
  repo.writeFile('ModB/sub/composer.json', '{"name": "v/b"}\n');
  repo.writeFile('ModB/i18n/Übersetzung é.csv', 'a,b\n');
  repo.writeFile('name with\ttab and\nnewline.txt', 'odd\n');
  repo.symlink('ModA/link-to-composer.json', 'composer.json');
  repo.commit('files');
  repo.git(['update-index', '--add', '--cacheinfo', `160000,${repo.git(['rev-parse', 'HEAD'])},ModB/vendor/sub`]);
  repo.commit('submodule', { stageAll: false });
  const first = repo.git(['rev-parse', 'HEAD^{tree}']);
  repo.writeFile('ModB/i18n/de_DE.csv', 'c,d\n');
  repo.remove('ModA/bin/tool');
  repo.commit('second release');
  const second = repo.git(['rev-parse', 'HEAD^{tree}']);
  const reader = BlobReader.open(gitDir);
  after(async () => {
    await (await reader).close();
    repo.cleanup();
  });
  const dirs = ['', 'ModA', 'ModA/Model', 'ModB', 'ModB/sub', 'ModB/vendor', 'missing', 'ModA/bin/tool'];

  it('answers like the flat listing of git ls-tree -r, release after release, with subtrees shared', async () => {
    const trees = new TreeCache(await reader);
    for (const tree of [first, second, first]) {
      assert.deepEqual(answers(await trees.releaseTree(tree), dirs), answers(flatReleaseTree(await listTree(gitDir, tree)), dirs), tree);
    }
  });

  it('keeps the trees of the release asked for last and of those read ahead, and reads those it let go again', async () => {
    const read: string[] = [];
    const objects = await reader;
    const counting = { readTree: (oid: string) => (read.push(oid), objects.readTree(oid)) } as unknown as BlobReader;
    const subtree = (tree: string, dir: string) => repo.git(['rev-parse', `${tree}:${dir}`]);
    // Let go at every release (not only when the cache has grown by half), so the test can see it.
    const trees = new TreeCache(counting, 0);
    await trees.releaseTree(first);
    const firstReads = read.length;
    assert.ok(firstReads >= 8, `every tree of the first release read: ${firstReads}`);
    read.length = 0;
    // The second release added to ModB/i18n, and ModA/bin and the submodule's ModB/vendor are gone: only the trees on those paths are new.
    assert.deepEqual(answers(await trees.releaseTree(second), dirs), answers(flatReleaseTree(await listTree(gitDir, second)), dirs));
    assert.deepEqual(new Set(read), new Set([second, subtree(second, 'ModA'), subtree(second, 'ModB'), subtree(second, 'ModB/i18n')]));
    read.length = 0;
    // Read ahead, then asked for: read once; the trees only the first release had were let go, and are read again.
    trees.prefetch(first);
    await trees.releaseTree(second);
    await trees.releaseTree(first);
    assert.deepEqual(new Set(read), new Set([first, subtree(first, 'ModA'), subtree(first, 'ModA/bin'), subtree(first, 'ModB'), subtree(first, 'ModB/i18n'), subtree(first, 'ModB/vendor')]));
    assert.equal(read.length, 6, 'each tree read once');
    assert.deepEqual(answers(await trees.releaseTree(first), dirs), answers(flatReleaseTree(await listTree(gitDir, first)), dirs));
    assert.equal(read.length, 6, 'the current release stays whole');
  });

  it('reports a tree that is not there as a missing object', async () => {
    const trees = new TreeCache(await reader);
    await assert.rejects(trees.releaseTree('0123456789abcdef0123456789abcdef01234567'), (e: Error & { code?: string }) => e.code === 'ERR_GIT_OBJECT_MISSING');
  });
});
