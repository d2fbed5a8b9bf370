import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import picomatch from 'picomatch';
import type { Fix } from '../../../src/core/config/schema.js';
import { forgetSelections, globsMatcher, leftOutDirectories, selectPackageFiles } from '../../../src/core/plan/package-files.js';
import { inLeftOutDirectory } from '../../../src/core/plan/release-tree.js';
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

// Globs as package rules and fixes write them, and paths built from the same pieces, so that many match.
const pieces = ['app', 'code', 'Test', '.github', 'a.php', 'b.md', 'composer.lock', '[x]', 'dev', 'Legacy'];
const globPieces = [...pieces, '*', '**', '*.php', '{a,b}.md', '?', '\\[x]'];
const path = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
const glob = fc.array(fc.constantFrom(...globPieces), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));

describe('globsMatcher', () => {

  it('matches what picomatch matches with the same globs, for any globs and paths', () => {
    fc.assert(
      fc.property(fc.array(glob, { minLength: 1, maxLength: 5 }), fc.array(path, { minLength: 1, maxLength: 20 }), (globs, paths) => {
        const ours = globsMatcher(globs);
        const theirs = picomatch(globs, { dot: true });
        for (const p of paths) assert.equal(ours(p), theirs(p), `${JSON.stringify(globs)} on ${p}`);
      }),
      { numRuns: 500 },
    );
  });

  it('matches a literal name and a directory glob, and leaves negations to picomatch', () => {
    const match = globsMatcher(['[x]', 'app/code', 'dev/**/Legacy/*.php']);
    // '[x]' is a character class that matches "x", and the literal name, as picomatch has it.
    assert.deepEqual(['[x]', 'x', 'app/code', 'app/code/a.php', 'dev/Test/Legacy/a.php', 'dev/Legacy/a.php', 'y', ''].map(match), [true, true, true, false, true, true, false, false]);
    const negated = globsMatcher(['!app/**']);
    assert.deepEqual(['app/a.php', 'dev/a.php'].map(negated), [false, true]);
  });
});

describe('leftOutDirectories', () => {
  const include = (...files: string[]): Fix => ({ action: 'include-files', package: 'v/other', version: '1.0.0', reason: 'keep some', files });

  it('names the directories the excludes cover', () => {
    const leftOut = leftOutDirectories({ ...candidate, exclude: ['Test', 'docs/**'] }, []);
    assert.ok(leftOut !== undefined);
    assert.deepEqual(['Test', 'docs/api', 'Model', 'TestHelper'].map(leftOut.test), [true, true, false, false]);
    assert.equal(leftOutDirectories({ ...candidate, exclude: [] }, []), undefined);
  });

  it('keeps the directories where an include-files fix of the source may take files back, of any package', () => {
    const exclude = ['app/code', 'dev/**', 'Test'];
    const leftOut = leftOutDirectories({ ...candidate, exclude }, [include('.github', 'dev/tests/keep/**/*.php')]);
    assert.ok(leftOut !== undefined);
    // dev and dev/tests lead to where the glob starts, dev/tests/keep/x is below it; dev/tools is neither.
    assert.deepEqual(['app/code', 'Test', 'dev', 'dev/tests', 'dev/tests/keep/x', 'dev/tools'].map(leftOut.test), [true, true, false, false, false, true]);
    assert.equal(leftOutDirectories({ ...candidate, exclude }, [include('**/keep.php')]), undefined, 'a glob that starts anywhere keeps every directory');
  });

  it('selects the same files from the listing without the directories it leaves out', () => {
    fc.assert(
      fc.property(fc.array(glob, { minLength: 1, maxLength: 3 }), fc.array(glob, { maxLength: 2 }), fc.uniqueArray(path, { minLength: 1, maxLength: 30 }), (exclude, includes, paths) => {
        const c = { ...candidate, exclude };
        const fixes = includes.length > 0 ? [include(...includes)] : [];
        const leftOut = leftOutDirectories(c, fixes);
        fc.pre(leftOut !== undefined);
        const files = paths.map((p) => file(p));
        const listed = files.filter((f) => !inLeftOutDirectory(f.path, leftOut));
        const perVersion = { exclude: [], include: includes };
        forgetSelections();
        const all = selectPackageFiles(c, files, perVersion).files;
        forgetSelections();
        assert.deepEqual(selectPackageFiles(c, listed, perVersion).files, all);
      }),
      { numRuns: 500 },
    );
  });
});
