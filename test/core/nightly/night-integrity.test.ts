import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unmetNightRequirements } from '../../../src/core/nightly/night-integrity.js';
import { nameFilter } from '../../../src/core/verify/name-filter.js';

const pkg = (name: string, version: string, json: Record<string, unknown> = {}) => ({
  name,
  version,
  versionNormalized: `${version.replace(/-a(\d+)$/, '-alpha$1')}`,
  composerJson: JSON.stringify({ name, version, ...json }),
});

describe('the integrity check of a night', () => {
  const night = [
    pkg('magento/module-a', '1.0.0.1-a20261207', { require: { 'magento/module-b': '1.0.0.1-a20261207', 'magento/composer': '^1.9', 'psr/log': '^3', php: '~8.3' } }),
    pkg('magento/module-b', '1.0.0.1-a20261207', { require: { 'magento/module-a': '2.0.0.1-a20261207' } }),
  ];

  it('reports requirements on the night\'s packages that it does not meet, and siblings of its vendors that it lacks', () => {
    assert.deepEqual(unmetNightRequirements(night, nameFilter(['magento/*'])), [
      'magento/module-a 1.0.0.1-a20261207 requires magento/composer ^1.9, which the night does not have (it has no version of it)',
      'magento/module-b 1.0.0.1-a20261207 requires magento/module-a 2.0.0.1-a20261207, which the night does not have (it has 1.0.0.1-a20261207)',
    ]);
  });

  it('without mustResolve, only requirements on the night\'s own packages count; others, platform packages and names from upstream are left to the install check', () => {
    assert.deepEqual(unmetNightRequirements(night), [
      'magento/module-b 1.0.0.1-a20261207 requires magento/module-a 2.0.0.1-a20261207, which the night does not have (it has 1.0.0.1-a20261207)',
    ]);
    const magento = nameFilter(['magento/*']);
    const upstream = nameFilter(['magento/composer']);
    assert.deepEqual(unmetNightRequirements(night, (n) => magento(n) && !upstream(n)), [
      'magento/module-b 1.0.0.1-a20261207 requires magento/module-a 2.0.0.1-a20261207, which the night does not have (it has 1.0.0.1-a20261207)',
    ]);
  });
});
