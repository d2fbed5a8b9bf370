import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decreasingVersions, missingRequirements, unmetReleaseRequirements } from '../../../src/core/plan/release-checks.js';
import type { PlannedArtifact, ReleaseRef } from '../../../src/core/plan/types.js';

const release: ReleaseRef = { source: 'suite', tag: '1.2.0', ref: 'refs/tags/1.2.0', version: '1.2.0', commit: 'c', tree: 't', time: 0 };
const artifact = (name: string, version: string, dir: string, require: Record<string, string> = {}): PlannedArtifact => ({
  name, version, versionNormalized: version, kind: 'package', source: 'suite', tag: '1.2.0', commit: 'c', time: 0, dir, key: name, files: [], emptyDirs: [],
  composerJson: JSON.stringify({ name, version, require }),
});

describe('release checks', () => {
  it('a package requiring a version of a sibling that the release does not hold is an error naming tag, path and both versions', () => {
    const errors = unmetReleaseRequirements(release, [
      artifact('v/a', '1.0.4', 'ModA'),
      artifact('v/bundle', '1.2.0', '_metapackage', { 'v/a': '1.0.5', php: '>=8.1', 'other/x': '2.0' }),
      artifact('v/b', '2.0.0', 'ModB', { 'v/a': '^1.0' }),
    ]);
    assert.deepEqual(errors.errors.map((e) => e.message), ['_metapackage/composer.json at 1.2.0 of source "suite": v/bundle requires v/a "1.0.5", but the release holds v/a 1.0.4']);
    assert.deepEqual(errors.warnings, []);
  });

  it('a package whose requirement an earlier version of its sibling meets is a warning naming that version; a metapackage pinning a version the release lacks stays an error', () => {
    const at200 = { ...release, tag: '2.0.0', version: '2.0.0' };
    const available = (name: string) => (name === 'v/alpha' ? ['1.0.0', '1.1.0', '1.1.3', '2.0.0'] : []);
    const checked = unmetReleaseRequirements(
      at200,
      [
        artifact('v/alpha', '2.0.0', 'alpha'),
        artifact('v/beta', '2.0.0', 'beta', { 'v/alpha': '^1.1' }),
        artifact('v/gamma', '2.0.0', 'gamma', { 'v/alpha': '^3.0' }),
        { ...artifact('v/product', '2.0.0', '_metapackage', { 'v/alpha': '1.1.3' }), kind: 'metapackage' },
      ],
      available,
    );
    assert.deepEqual(checked.warnings, [
      { source: 'suite', tag: '2.0.0', package: 'v/beta', path: 'beta/composer.json', message: 'v/beta requires v/alpha "^1.1", but the release holds v/alpha 2.0.0; it installs with the earlier v/alpha 1.1.3' },
    ]);
    assert.deepEqual(checked.errors.map((e) => e.message), [
      'gamma/composer.json at 2.0.0 of source "suite": v/gamma requires v/alpha "^3.0", but the release holds v/alpha 2.0.0',
      '_metapackage/composer.json at 2.0.0 of source "suite": v/product requires v/alpha "1.1.3", but the release holds v/alpha 2.0.0',
    ]);
  });

  it('a version that goes down within a release line is an error for the later release; across lines it is allowed', () => {
    const rel = (tag: string, version: string) => ({ source: 's', tag, version: tag, packages: [{ name: 'v/a', version, dir: 'ModA' }] });
    const problems = decreasingVersions([rel('1.2.4', '1.1.0'), rel('1.2.4-p1', '1.1.0-p1'), rel('1.2.4-p2', '1.0.9'), rel('1.2.5', '1.1.0'), rel('1.2.4-p9', '1.1.0-p9')]);
    assert.deepEqual(problems.map((p) => `${p.tag}: ${p.error.message}`), ['1.2.4-p2: ModA/composer.json at 1.2.4-p2 of source "s": v/a 1.0.9 is older than 1.1.0-p1 at the earlier release 1.2.4-p1']);
  });

  it('an allowed step down is no problem, and later releases are still held to the highest version', () => {
    const rel = (tag: string, version: string, versionDownAllowed = false) => ({ source: 's', tag, version: tag, packages: [{ name: 'v/a', version, dir: 'ModA', versionDownAllowed }] });
    const problems = decreasingVersions([rel('1.0.3-p2', '1.0.2-p1'), rel('1.0.3-p3', '1.0.2', true), rel('1.0.3-p4', '1.0.2')]);
    assert.deepEqual(problems.map((p) => `${p.tag}: ${p.error.message}`), ['1.0.3-p4: ModA/composer.json at 1.0.3-p4 of source "s": v/a 1.0.2 is older than 1.0.2-p1 at the earlier release 1.0.3-p2']);
  });

  it('names the missing versions a composer.json requires that no available version can stand in for', () => {
    const bundle = JSON.stringify({ name: 'v/bundle', require: { 'v/a': '1.0.1', 'v/b': '^2.0', 'v/c': '1.0.0', php: '>=8.1' } });
    const missing = [artifact('v/a', '1.0.1', 'A'), artifact('v/b', '2.1.0', 'B'), artifact('v/c', '2.0.0', 'C')];
    const available = [artifact('v/a', '1.0.0', 'A'), artifact('v/b', '2.0.0', 'B')];
    // v/a is pinned and missing; v/b 2.0.0 satisfies ^2.0 instead; v/c 2.0.0 is not what is required.
    assert.deepEqual(missingRequirements(bundle, available, missing), ['v/a 1.0.1']);
    assert.deepEqual(missingRequirements(bundle, available, []), []);
  });

  it('two tags of the same release version (v1.2.0 and 1.2.0) are not compared with each other', () => {
    const problems = decreasingVersions([
      { source: 's', tag: '1.2.0', version: '1.2.0', packages: [{ name: 'v/a', version: '1.1.1', dir: 'A' }] },
      { source: 's', tag: 'v1.2.0', version: '1.2.0', packages: [{ name: 'v/a', version: '1.1.0', dir: 'A' }] },
    ]);
    assert.deepEqual(problems, []);
  });
});
