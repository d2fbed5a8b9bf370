import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toNightly } from '../../../src/core/nightly/nightly-artifact.js';
import type { PlannedArtifact } from '../../../src/core/plan/types.js';

function artifact(name: string, json: Record<string, unknown>): PlannedArtifact {
  return {
    name,
    version: '1.0.0',
    versionNormalized: '1.0.0.0',
    kind: 'package',
    source: 's',
    tag: 'develop@2026-12-07',
    commit: 'c'.repeat(40),
    time: 0,
    dir: '',
    key: 'old',
    files: [{ path: 'a.php', oid: 'a'.repeat(40), executable: false }],
    emptyDirs: [],
    composerJson: JSON.stringify({ name, ...json }, null, 2),
  };
}

describe('a package of the night', () => {
  const versions = new Map([
    ['acme/module-a', '100.4.7.1-a20261207+p3'],
    ['acme/module-b', '0.0.1.1-a20261207'],
    ['acme/module-a-sample-data', '100.4.7.1-a20261207'],
  ]);

  it('gets its nightly version in place of its own, and pins requirements on packages of the same night exactly', () => {
    const a = artifact('acme/module-a', {
      version: '100.4.8-dev',
      require: { php: '~8.2', 'acme/module-b': '*', 'other/lib': '^1.0' },
      'require-dev': { 'Acme/Module-B': '^0.1' },
      suggest: { 'acme/module-a-sample-data': 'Sample Data version: 100.4.*', 'acme/module-b': 'for b' },
    });
    const night = toNightly(a, versions, 'mageos');
    const json = JSON.parse(night.composerJson);
    assert.deepEqual(Object.keys(json), ['name', 'version', 'require', 'require-dev', 'suggest'], 'the version keeps its place');
    assert.equal(json.version, '100.4.7.1-a20261207+p3');
    assert.deepEqual(json.require, { php: '~8.2', 'acme/module-b': '0.0.1.1-a20261207', 'other/lib': '^1.0' });
    assert.deepEqual(json['require-dev'], { 'Acme/Module-B': '0.0.1.1-a20261207' }, 'names compare without case, as Composer does');
    assert.deepEqual(json.suggest, { 'acme/module-a-sample-data': 'Sample Data version: 100.4.7.1-a20261207', 'acme/module-b': '0.0.1.1-a20261207' });
    assert.equal(night.version, '100.4.7.1-a20261207+p3');
    assert.equal(night.versionNormalized, '100.4.7.1-alpha20261207');
    assert.notEqual(night.key, 'old');
  });

  it('leaves conflict, replace and provide alone, and a version is added last when the package had none', () => {
    const b = artifact('acme/module-b', { conflict: { 'acme/module-a': '<1.0' }, replace: { 'acme/module-a': '*' } });
    const json = JSON.parse(toNightly(b, versions, 'mageos').composerJson);
    assert.deepEqual(json.conflict, { 'acme/module-a': '<1.0' });
    assert.deepEqual(json.replace, { 'acme/module-a': '*' });
    assert.equal(Object.keys(json).at(-1), 'version');
  });

  it('the same package and night give the same key; another night another key', () => {
    const a = artifact('acme/module-a', { require: { 'acme/module-b': '*' } });
    assert.equal(toNightly(a, versions, 'mageos').key, toNightly(a, versions, 'mageos').key);
    const tomorrow = new Map([...versions].map(([n, v]) => [n, v.replace('20261207', '20261208')]));
    assert.notEqual(toNightly(a, versions, 'mageos').key, toNightly(a, tomorrow, 'mageos').key);
  });
});
