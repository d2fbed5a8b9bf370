import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { listBranches, listTags, resolveRef } from '../../../src/adapters/git/refs.js';
import { MageosError } from '../../../src/core/errors.js';
import { FIXTURE_START_TIME, createRepo } from '../../support/git-fixture.js';

function isCode(code: string) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof MageosError, String(error));
    assert.equal(error.code, code);
    return true;
  };
}

describe('refs', () => {
  const repo = createRepo();
  const gitDir = `${repo.dir}/.git`;
  repo.writeFile('composer.json', '{"name":"vendor/one"}\n');
  const first = repo.commit('first', { date: FIXTURE_START_TIME + 100 });
  const firstTree = repo.git(['rev-parse', 'HEAD^{tree}']);
  repo.tag('1.1.2');
  repo.tag('1.1.10', { annotated: true, date: FIXTURE_START_TIME + 999 });
  repo.writeFile('composer.json', '{"name":"vendor/two"}\n');
  const second = repo.commit('second', { date: FIXTURE_START_TIME + 200 });
  const secondTree = repo.git(['rev-parse', 'HEAD^{tree}']);
  repo.tag('2.0.0', { annotated: true, message: 'Two' });
  repo.tag('2.0.0-nested', { annotated: true, target: '2.0.0' });
  repo.tag('tree-tag', { target: 'HEAD^{tree}' });
  repo.tag('blob-tag', { annotated: true, target: 'HEAD:composer.json' });
  // A branch with a tag's name pointing elsewhere, as some upstream repositories have.
  repo.branch('1.1.2', second);
  repo.branch('release');
  after(() => repo.cleanup());

  describe('listTags', () => {
    it('peels annotated and lightweight tags to their commit, tree and committer time', async () => {
      const { refs: tags } = await listTags(gitDir);
      const byName = new Map(tags.map((tag) => [tag.name, tag]));
      assert.deepEqual(byName.get('1.1.2'), {
        ref: 'refs/tags/1.1.2', name: '1.1.2', commit: first, tree: firstTree, time: FIXTURE_START_TIME + 100,
      });
      assert.deepEqual(byName.get('1.1.10'), {
        ref: 'refs/tags/1.1.10', name: '1.1.10', commit: first, tree: firstTree, time: FIXTURE_START_TIME + 100,
      });
      assert.deepEqual(byName.get('2.0.0'), {
        ref: 'refs/tags/2.0.0', name: '2.0.0', commit: second, tree: secondTree, time: FIXTURE_START_TIME + 200,
      });
    });

    it('peels a tag of a tag all the way to the commit', async () => {
      const nested = (await listTags(gitDir)).refs.find((tag) => tag.name === '2.0.0-nested');
      assert.equal(nested?.commit, second);
      assert.equal(nested?.tree, secondTree);
    });

    it('lists tags that do not point to a commit apart, with what they point to', async () => {
      const { refs, unusable } = await listTags(gitDir);
      const names = refs.map((tag) => tag.name);
      assert.ok(!names.includes('tree-tag'));
      assert.ok(!names.includes('blob-tag'));
      assert.deepEqual(unusable.sort((a, b) => a.name.localeCompare(b.name)), [
        { name: 'blob-tag', reason: 'points to a blob, not a commit' },
        { name: 'tree-tag', reason: 'points to a tree, not a commit' },
      ]);
    });

    it('sorts by name byte-wise, like git tag with LC_ALL=C', async () => {
      const names = (await listTags(gitDir)).refs.map((tag) => tag.name);
      assert.deepEqual(names, ['1.1.10', '1.1.2', '2.0.0', '2.0.0-nested']);
    });

    it('returns an empty list for a repository without tags', async () => {
      const empty = createRepo();
      try {
        assert.deepEqual(await listTags(`${empty.dir}/.git`), { refs: [], unusable: [] });
      } finally {
        empty.cleanup();
      }
    });
  });

  describe('listBranches', () => {
    it('lists refs/heads with their commits, sorted by name', async () => {
      const { refs: branches } = await listBranches(gitDir);
      assert.deepEqual(branches.map((branch) => [branch.ref, branch.name, branch.commit]), [
        ['refs/heads/1.1.2', '1.1.2', second],
        ['refs/heads/main', 'main', second],
        ['refs/heads/release', 'release', second],
      ]);
    });
  });

  describe('resolveRef', () => {
    it('resolves a full tag ref to its commit even when a branch has the same name', async () => {
      assert.deepEqual(await resolveRef(gitDir, 'refs/tags/1.1.2'), { commit: first, tree: firstTree, time: FIXTURE_START_TIME + 100 });
      assert.equal((await resolveRef(gitDir, 'refs/heads/1.1.2')).commit, second);
    });

    it('resolves annotated tags, short names and commit shas', async () => {
      assert.equal((await resolveRef(gitDir, 'refs/tags/2.0.0')).commit, second);
      assert.equal((await resolveRef(gitDir, '2.0.0-nested')).commit, second);
      assert.equal((await resolveRef(gitDir, 'release')).commit, second);
      assert.deepEqual(await resolveRef(gitDir, first), { commit: first, tree: firstTree, time: FIXTURE_START_TIME + 100 });
    });

    it('throws ERR_GIT_REF_NOT_FOUND naming the ref for an unknown ref', async () => {
      await assert.rejects(resolveRef(gitDir, 'refs/tags/9.9.9'), (error: unknown) => {
        assert.ok(isCode('ERR_GIT_REF_NOT_FOUND')(error));
        assert.match((error as Error).message, /ref "refs\/tags\/9\.9\.9" not found in /);
        assert.ok((error as MageosError).hint);
        return true;
      });
    });

    it('throws ERR_GIT_REF_NOT_FOUND for a ref that is not a commit', async () => {
      await assert.rejects(resolveRef(gitDir, 'refs/tags/tree-tag'), isCode('ERR_GIT_REF_NOT_FOUND'));
      await assert.rejects(resolveRef(gitDir, 'refs/tags/blob-tag'), isCode('ERR_GIT_REF_NOT_FOUND'));
    });

    it('treats refs that look like options or contain newlines as unknown refs', async () => {
      await assert.rejects(resolveRef(gitDir, '--all'), isCode('ERR_GIT_REF_NOT_FOUND'));
      await assert.rejects(resolveRef(gitDir, 'main\nHEAD'), isCode('ERR_GIT_REF_NOT_FOUND'));
      await assert.rejects(resolveRef(gitDir, ''), isCode('ERR_GIT_REF_NOT_FOUND'));
    });

    it('throws ERR_GIT when the git dir is not a repository', async () => {
      await assert.rejects(resolveRef(`${repo.dir}/nope`, 'main'), isCode('ERR_GIT'));
    });
  });
});
