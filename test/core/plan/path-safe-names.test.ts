import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { packageNameProblem, versionFileNameProblem } from '../../../src/core/plan/path-safe-names.js';

describe('names and versions that become file names', () => {
  it('accepts the versions Magento and its extensions use', () => {
    for (const v of ['1.2.3', '103.0.7-p3', '2.4.7-beta1', '1.0.0+build.5', 'dev-main', '2.4.x-dev', '100.4.7.1-a20261207+p3']) assert.equal(versionFileNameProblem(v), null, v);
  });

  it('names what is wrong with a version that is not a file name', () => {
    assert.match(versionFileNameProblem('1.0.0+x/../y') ?? '', /path separator/);
    assert.match(versionFileNameProblem('1.0.0+x\\y') ?? '', /path separator/);
    assert.match(versionFileNameProblem('..') ?? '', /"\.\."/);
    assert.match(versionFileNameProblem('1.0.0\n') ?? '', /control character \(U\+000A\)/);
    assert.match(versionFileNameProblem(' 1.0.1') ?? '', /whitespace .*U\+0020/);
    assert.match(versionFileNameProblem('1.0\u0000') ?? '', /U\+0000/);
    assert.match(versionFileNameProblem('1.0\u0085') ?? '', /U\+0085/);
    assert.equal(versionFileNameProblem(''), 'is empty');
  });

  it('a version it accepts holds no separator, whitespace or control character (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (v) => {
        if (versionFileNameProblem(v) !== null) return;
        assert.ok(!/[/\\\s\u0000-\u001f\u007f-\u009f]/u.test(v) && v !== '..' && v !== '.', JSON.stringify(v));
      }),
      { numRuns: 5000 },
    );
  });

  it('package names follow Composer: lower case vendor/name, nothing else', () => {
    assert.equal(packageNameProblem('magento/module-two-factor-auth'), null);
    assert.equal(packageNameProblem('mage-os/theme-frontend-luma'), null);
    for (const bad of ['Magento/x', 'a/b/c', '../x', 'a/..', 'a/b ', 'a/b\0', 'a\\b', 'a', 'a/']) assert.notEqual(packageNameProblem(bad), null, bad);
  });
});
