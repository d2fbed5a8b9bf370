import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createRefs, readExistingRef } from '../../../src/adapters/git/branch-and-tag.js';
import { readCommitFiles, writeTreeWithFiles } from '../../../src/adapters/git/tree-with-files.js';
import { createRepo } from '../../support/git-fixture.js';

function repoWithFiles() {
  const repo = createRepo();
  repo.writeFile('a/composer.json', '{"name": "x/a"}\n');
  repo.writeFile('b[1]/composer.json', '{"name": "x/b"}\n', { mode: 0o755 });
  repo.writeFile('c/other.txt', 'other\n');
  const commit = repo.commit('files');
  return { repo, commit };
}

describe('a tree written through a scratch index', () => {
  it('replaces only the given files, keeps their modes, and leaves the repository index alone even with a split index configured', async () => {
    const { repo, commit } = repoWithFiles();
    repo.git(['config', 'core.splitIndex', 'true']);
    const index = readFileSync(join(repo.dir, '.git/index'));
    const gitFiles = readdirSync(join(repo.dir, '.git')).sort();
    const gitDir = join(repo.dir, '.git');
    const tree = await writeTreeWithFiles(gitDir, commit, [{ path: 'b[1]/composer.json', mode: '100755', content: Buffer.from('{"name": "y/b"}\n') }]);
    assert.deepEqual(readFileSync(join(repo.dir, '.git/index')), index);
    assert.deepEqual(readdirSync(join(repo.dir, '.git')).sort(), gitFiles, 'no shared index written beside the repository index');
    assert.equal(repo.git(['diff', '--name-only', commit, tree]), 'b[1]/composer.json');
    assert.match(repo.git(['ls-tree', tree, 'b[1]/composer.json']), /^100755 blob /);
    assert.equal(repo.git(['cat-file', 'blob', `${tree}:b[1]/composer.json`]), '{"name": "y/b"}');
    assert.equal(await writeTreeWithFiles(gitDir, commit, []), repo.git(['rev-parse', `${commit}^{tree}`]), 'no change: the same tree');
    repo.cleanup();
  });

  it('reads the files at exact paths (a glob character is a plain character); a missing path is absent', async () => {
    const { repo, commit } = repoWithFiles();
    const files = await readCommitFiles(join(repo.dir, '.git'), commit, ['b[1]/composer.json', 'a/composer.json', 'nope/composer.json', 'c']);
    assert.deepEqual([...files.keys()].sort(), ['a/composer.json', 'b[1]/composer.json']);
    assert.equal(files.get('a/composer.json')?.content.toString('utf8'), '{"name": "x/a"}\n');
    assert.equal(files.get('b[1]/composer.json')?.mode, '100755');
    repo.cleanup();
  });

  it('works in a bare repository too', async () => {
    const { repo, commit } = repoWithFiles();
    const bare = createRepo({ bare: true });
    bare.git(['fetch', '--quiet', repo.dir, 'main:main']);
    const tree = await writeTreeWithFiles(bare.dir, commit, [{ path: 'a/composer.json', mode: '100644', content: Buffer.from('{}\n') }]);
    assert.equal(bare.git(['cat-file', 'blob', `${tree}:a/composer.json`]), '{}');
    repo.cleanup();
    bare.cleanup();
  });
});

describe('refs created, never moved', () => {
  it('creates every ref or, when one exists, none', async () => {
    const { repo, commit } = repoWithFiles();
    const gitDir = join(repo.dir, '.git');
    repo.branch('taken');
    await assert.rejects(createRefs(gitDir, [{ ref: 'refs/heads/new', oid: commit }, { ref: 'refs/heads/taken', oid: commit }]), (e: { code: string }) => e.code === 'ERR_GIT');
    assert.equal(await readExistingRef(gitDir, 'refs/heads/new'), null);
    await createRefs(gitDir, [{ ref: 'refs/heads/new', oid: commit }]);
    assert.deepEqual(await readExistingRef(gitDir, 'refs/heads/new'), { commit, tree: repo.git(['rev-parse', `${commit}^{tree}`]) });
    repo.cleanup();
  });
});
