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

describe('TreeCache, a release read as planning asks', () => {
  const repo = createRepo();
  const gitDir = `${repo.dir}/.git`;
  repo.writeFile('composer.json', '{}\n');
  repo.writeFile('mods/ModA/composer.json', '{"name": "v/a"}\n');
  repo.writeFile('mods/ModA/Model/Deep/File.php', '<?php\n');
  repo.writeFile('mods/ModB/composer.json', '{"name": "v/b"}\n');
  repo.writeFile('mods/ModB/Test/BTest.php', '<?php\n');
  repo.writeFile('mods/OnlyDirs/sub/file.txt', 'x\n');
  repo.writeFile('dev/tests/Legacy/Old.php', '<?php\n');
  repo.writeFile('dev/tools/run.sh', '#!/bin/sh\n');
  repo.commit('files');
  const tree = repo.git(['rev-parse', 'HEAD^{tree}']);
  const id = (dir: string) => repo.git(['rev-parse', `${tree}:${dir}`]);
  const reader = BlobReader.open(gitDir);
  after(async () => {
    await (await reader).close();
    repo.cleanup();
  });
  const counting = async (read: string[]) => {
    const objects = await reader;
    return new TreeCache({ readTree: (oid: string) => (read.push(oid), objects.readTree(oid)) } as unknown as BlobReader);
  };

  it('reads only the directories asked for, and answers about them as the whole tree does', async () => {
    const read: string[] = [];
    const asked = await (await counting(read)).releaseTree(tree, 'as-asked');
    assert.deepEqual(read, [tree], 'the root only');
    await asked.read({ dir: 'mods', what: 'subdirectories' });
    // A subdirectory with no file of its own is read whole to know whether it holds any.
    assert.deepEqual(new Set(read), new Set([tree, id('mods'), id('mods/ModA'), id('mods/ModB'), id('mods/OnlyDirs'), id('mods/OnlyDirs/sub')]));
    const whole = flatReleaseTree(await listTree(gitDir, tree));
    assert.deepEqual(asked.subdirectories('mods'), whole.subdirectories('mods'));
    assert.equal(asked.composerJsonAt('mods/ModA'), whole.composerJsonAt('mods/ModA'));
    assert.equal(asked.composerJsonAt(''), whole.composerJsonAt(''));
    assert.equal(asked.directoryId('mods/ModA'), id('mods/ModA'));
    assert.equal(asked.directoryId('mods/ModA/Model'), id('mods/ModA/Model'), "known from its parent's entry, without reading it");
    assert.equal(read.includes(id('mods/ModA/Model')), false);
    await asked.read({ dir: 'mods/ModA', what: 'everything' });
    assert.deepEqual(asked.filesUnder('mods/ModA'), whole.filesUnder('mods/ModA'));
    await asked.read({ dir: 'missing/dir', what: 'everything' });
    assert.deepEqual(asked.filesUnder('missing/dir'), []);
  });

  it('leaves out the directories a listing leaves out, neither reading nor listing them', async () => {
    const read: string[] = [];
    const asked = await (await counting(read)).releaseTree(tree, 'as-asked');
    const leaveOut = { key: 'mods,dev/tests', test: (dir: string) => dir === 'mods' || dir === 'dev/tests' };
    await asked.read({ dir: '', what: 'everything', leaveOut });
    assert.deepEqual(new Set(read), new Set([tree, id('dev'), id('dev/tools')]));
    const whole = flatReleaseTree(await listTree(gitDir, tree));
    assert.deepEqual(asked.filesUnder('', leaveOut), whole.filesUnder('', leaveOut));
    assert.deepEqual(asked.filesUnder('', leaveOut).map((f) => f.path), ['composer.json', 'dev/tools/run.sh']);
  });

  it('says what was asked about before it was read, as a programming error', async () => {
    const asked = await (await counting([])).releaseTree(tree, 'as-asked');
    const internal = (e: Error & { code?: string }) => e.code === 'ERR_INTERNAL' && /"mods" was asked about before it was read/.test(e.message);
    assert.throws(() => asked.subdirectories('mods'), internal);
    assert.throws(() => asked.filesUnder('mods/ModA'), internal);
    assert.throws(() => asked.composerJsonDirs(), (e: Error & { code?: string }) => e.code === 'ERR_INTERNAL');
    await asked.read({ dir: 'mods', what: 'entries' });
    assert.throws(() => asked.filesUnder('mods/ModA'), (e: Error & { code?: string }) => e.code === 'ERR_INTERNAL' && /"mods\/ModA"/.test(e.message));
  });
});
