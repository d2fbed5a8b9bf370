import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { listTree, parseLsTree } from '../../../src/adapters/git/tree.js';
import { MageosError } from '../../../src/core/errors.js';
import { createRepo } from '../../support/git-fixture.js';

describe('listTree', () => {
  const repo = createRepo();
  const gitDir = `${repo.dir}/.git`;
  repo.writeFile('composer.json', '{}\n');
  repo.writeFile('src/Model/Product.php', '<?php\n');
  repo.writeFile('src/Model/Deep/Nested/File.php', '<?php\n');
  repo.writeFile('bin/magento', '#!/usr/bin/env php\n', { mode: 0o755 });
  repo.symlink('link-to-composer.json', 'composer.json');
  repo.writeFile('i18n/fr_FR/Übersetzung é.csv', 'a,b\n');
  repo.writeFile('name with\ttab and\nnewline.txt', 'odd\n');
  repo.commit('files');
  const submoduleTarget = repo.git(['rev-parse', 'HEAD']);
  repo.git(['update-index', '--add', '--cacheinfo', `160000,${submoduleTarget},vendor/sub`]);
  repo.commit('submodule', { stageAll: false });
  const tree = repo.git(['rev-parse', 'HEAD^{tree}']);
  after(() => repo.cleanup());

  it('lists every file recursively with mode, type and oid, in git order', async () => {
    const entries = await listTree(gitDir, tree);
    const oid = (path: string): string => repo.git(['rev-parse', `HEAD:${path}`]);
    assert.deepEqual(entries, [
      { path: 'bin/magento', mode: '100755', type: 'blob', oid: oid('bin/magento') },
      { path: 'composer.json', mode: '100644', type: 'blob', oid: oid('composer.json') },
      { path: 'i18n/fr_FR/Übersetzung é.csv', mode: '100644', type: 'blob', oid: oid('i18n/fr_FR/Übersetzung é.csv') },
      { path: 'link-to-composer.json', mode: '120000', type: 'blob', oid: oid('link-to-composer.json') },
      { path: 'name with\ttab and\nnewline.txt', mode: '100644', type: 'blob', oid: oid('name with\ttab and\nnewline.txt') },
      { path: 'src/Model/Deep/Nested/File.php', mode: '100644', type: 'blob', oid: oid('src/Model/Deep/Nested/File.php') },
      { path: 'src/Model/Product.php', mode: '100644', type: 'blob', oid: oid('src/Model/Product.php') },
      { path: 'vendor/sub', mode: '160000', type: 'commit', oid: submoduleTarget },
    ]);
  });

  it('accepts a commit or tag as the tree-ish', async () => {
    repo.tag('1.0.0', { annotated: true });
    assert.deepEqual(await listTree(gitDir, 'refs/tags/1.0.0'), await listTree(gitDir, tree));
  });

  it('returns an empty list for the empty tree', async () => {
    const empty = repo.git(['hash-object', '-t', 'tree', '-w', '--stdin'], '');
    assert.deepEqual(await listTree(gitDir, empty), []);
  });

  it('throws ERR_GIT_OBJECT_MISSING for an unknown tree or a blob', async () => {
    const isMissing = (error: unknown): boolean => error instanceof MageosError && error.code === 'ERR_GIT_OBJECT_MISSING';
    await assert.rejects(listTree(gitDir, '0123456789abcdef0123456789abcdef01234567'), isMissing);
    await assert.rejects(listTree(gitDir, repo.git(['rev-parse', 'HEAD:composer.json'])), isMissing);
  });

  it('throws ERR_GIT on output it cannot parse', () => {
    assert.throws(() => parseLsTree(Buffer.from('100644 blob abc')), /unexpected git ls-tree output/);
  });
});
