import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { installChoice } from '../../../src/core/web/install-version.js';
import { normalizeBranch, normalizeVersion } from '../../../src/core/version/index.js';

const v = (version: string) => ({ version, versionNormalized: version.startsWith('dev-') || version.endsWith('-dev') ? normalizeBranch(version.replace(/^dev-|-dev$/g, '')) : normalizeVersion(version) });
const choose = (...versions: string[]) => {
  const choice = installChoice(versions.map(v) as [ReturnType<typeof v>, ...ReturnType<typeof v>[]]);
  return { headline: choice.headline.version, preRelease: choice.preRelease?.version, constraint: choice.constraint, stability: choice.headlineStability };
};

describe('the version the index shows beside a package', () => {
  it('is the newest stable version, with the newest pre-release beside it when that is newer', () => {
    assert.deepEqual(choose('1.1.7-beta1', '1.0.0', '1.1.6', '1.1.7-alpha2', '1.1.5'), { headline: '1.1.6', preRelease: '1.1.7-beta1', constraint: '', stability: 'stable' });
  });

  it('shows no pre-release older than the stable version', () => {
    assert.deepEqual(choose('1.2.0-RC1', '1.2.0', '1.1.0'), { headline: '1.2.0', preRelease: undefined, constraint: '', stability: 'stable' });
  });

  it('counts patch releases as stable and orders them after their release', () => {
    assert.deepEqual(choose('2.4.7', '2.4.7-p1', '2.4.8-beta1', '2.4.6-p9'), { headline: '2.4.7-p1', preRelease: '2.4.8-beta1', constraint: '', stability: 'stable' });
  });

  it('never heads with a development branch while a release exists', () => {
    assert.equal(choose('dev-main', '2.x-dev', '1.0.0').headline, '1.0.0');
    assert.equal(choose('dev-main', '1.0.0-RC2').headline, '1.0.0-RC2');
  });

  it('without a stable version, heads with the newest pre-release and the constraint Composer would write for it', () => {
    assert.deepEqual(choose('1.1.7-beta1', '1.1.7-alpha1'), { headline: '1.1.7-beta1', preRelease: undefined, constraint: '^1.1@beta', stability: 'beta' });
    assert.equal(choose('0.3.1-RC2').constraint, '^0.3.1@RC');
    assert.equal(choose('2.0.0-alpha', '1.9.0-beta3').constraint, '^2.0@alpha');
  });

  it('with only branches, heads with the newest one and requires it by name', () => {
    assert.deepEqual(choose('dev-main', '2.x-dev', '1.x-dev'), { headline: '2.x-dev', preRelease: undefined, constraint: '2.x-dev', stability: 'dev' });
    assert.equal(choose('dev-main').constraint, 'dev-main');
  });
});
