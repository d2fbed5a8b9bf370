import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoverPackages as discoverIn } from '../../../src/core/plan/package-discovery.js';
import { flatReleaseTree } from '../../../src/core/plan/release-tree.js';
import type { TreeFile } from '../../../src/core/plan/types.js';

const discoverPackages = (files: TreeFile[], rules: Parameters<typeof discoverIn>[1]) => discoverIn(flatReleaseTree(files), rules);
const blob = (path: string, oid = `oid:${path}`): TreeFile => ({ path, mode: '100644', type: 'blob', oid });

describe('package discovery', () => {
  it('auto: a root composer.json makes the whole repository one package', () => {
    const { candidates } = discoverPackages([blob('composer.json'), blob('src/A.php'), blob('sub/composer.json')], [{ type: 'auto' }]);
    assert.deepEqual(candidates.map((c) => [c.dir, c.kind]), [['', 'auto']]);
  });

  it('auto: every composer.json directory that is not inside another package is a package', () => {
    const files = [blob('A/composer.json'), blob('A/Test/composer.json'), blob('B/sub/composer.json'), blob('README.md'), blob('_metapackage/composer.json')];
    const { candidates } = discoverPackages(files, [{ type: 'auto' }]);
    assert.deepEqual(candidates.map((c) => c.dir), ['A', 'B/sub', '_metapackage']);
  });

  it('modules: each subdirectory is a package; one without composer.json is a problem unless excluded', () => {
    const files = [blob('app/code/Foo/composer.json'), blob('app/code/Foo/x.php'), blob('app/code/Bar/y.php'), blob('app/code/Baz/z.php')];
    const found = discoverPackages(files, [{ type: 'modules', dir: 'app/code', exclude: ['Baz'] }]);
    assert.deepEqual(found.candidates.map((c) => c.dir), ['app/code/Foo']);
    assert.deepEqual(found.problems.map((p) => p.path), ['app/code/Bar']);
  });

  it('modules at the root with excluded directories, plus a metapackage rule', () => {
    const files = [blob('A/composer.json'), blob('.github/w.yml'), blob('_metapackage/composer.json'), blob('_metapackage/README.md')];
    const found = discoverPackages(files, [
      { type: 'modules', dir: '', exclude: ['.github', '_metapackage'] },
      { type: 'metapackage', dir: '_metapackage' },
    ]);
    assert.deepEqual(found.candidates.map((c) => [c.dir, c.kind]), [['A', 'package'], ['_metapackage', 'metapackage']]);
    assert.deepEqual(found.problems, []);
  });

  it('directory: one directory with its excludes and empty directories; absent at a tag means no package', () => {
    const files = [blob('lib/Framework/composer.json'), blob('lib/Framework/A.php')];
    const rule = { type: 'directory' as const, dir: 'lib/Framework/', exclude: ['Amqp/**'], emptyDirs: ['x/'] };
    const found = discoverPackages(files, [rule, { type: 'directory', dir: 'lib/Other' }]);
    assert.equal(found.candidates.length, 1);
    assert.deepEqual(found.candidates[0], { dir: 'lib/Framework', kind: 'package', composerJsonOid: 'oid:lib/Framework/composer.json', exclude: ['Amqp/**'], emptyDirs: ['x/'] });
  });
});
