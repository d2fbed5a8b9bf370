import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forgetSelections, selectPackageFiles } from '../../../src/core/plan/package-files.js';
import type { PackageCandidate, TreeFile } from '../../../src/core/plan/types.js';

const file = (path: string, mode = '100644'): TreeFile => ({ path, mode, type: 'blob', oid: `${path.length}`.padStart(40, '0') });
const candidate: PackageCandidate = { dir: 'm', kind: 'package', composerJsonOid: '0'.repeat(40), exclude: ['Test/**'], emptyDirs: [] };

describe('selectPackageFiles', () => {
  it('leaves out composer.json and excluded paths, and gives the same selection back for the same list until told to forget', () => {
    const files = [file('composer.json'), file('Model/A.php'), file('Test/ATest.php'), file('bin/run', '100755'), file('link', '120000')];
    const first = selectPackageFiles(candidate, files);
    assert.deepEqual(
      first.files.map((f) => [f.path, f.executable]),
      [
        ['Model/A.php', false],
        ['bin/run', true],
      ],
    );
    assert.deepEqual(first.leftOut, [{ path: 'link', why: 'symlink' }]);
    assert.equal(selectPackageFiles(candidate, files), first, 'remembered: the same selection');
    forgetSelections();
    const again = selectPackageFiles(candidate, files);
    assert.notEqual(again, first, 'forgotten: selected again');
    assert.deepEqual(again, first);
  });
});
