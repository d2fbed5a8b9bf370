import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlatformPackage } from '../../../src/core/verify/platform-packages.js';
import { RequirementIndex } from '../../../src/core/verify/requirement-index.js';

const v = (name: string, version: string, extra: Record<string, unknown> = {}) => ({ name, version, versionNormalized: `${version}.0`, ...extra });
const none = () => false;

function index(): RequirementIndex {
  const idx = new RequirementIndex();
  idx.add(v('acme/a', '1.0.0'));
  idx.add(v('acme/a', '1.1.0'));
  idx.add(v('mage-os/framework', '1.0.0', { replace: { 'magento/framework': 'self.version', 'magento/zend': '2.4.7' } }));
  return idx;
}

describe('RequirementIndex', () => {
  it('a requirement some version matches is met, one none matches is reported with the versions there are', () => {
    const requiring = v('acme/b', '1.0.0');
    assert.deepEqual(index().unmet(requiring, { 'acme/a': '^1.1' }, none), []);
    assert.deepEqual(index().unmet(requiring, { 'acme/a': '^2.0' }, none), [{ require: 'acme/a', constraint: '^2.0', reason: 'no-match', available: ['1.0.0', '1.1.0'] }]);
  });

  it('checks only packages the repository serves, or names the vendor globs ask for; never platform packages; names the others as unchecked', () => {
    const requiring = v('acme/b', '1.0.0');
    const require = { php: '>=9', 'ext-intl': '*', 'composer-plugin-api': '^9', 'other/pkg': '^1', 'magento/thing': '^1' };
    assert.deepEqual(index().unmet(requiring, require, none), []);
    assert.deepEqual(index().unchecked(require, none), ['other/pkg', 'magento/thing']);
    const unmet = index().unmet(requiring, require, (name) => name.startsWith('magento/'));
    assert.deepEqual(unmet.map((u) => u.require), ['magento/thing']);
    assert.deepEqual(index().unchecked({ ...require, 'acme/a': '^9' }, (name) => name.startsWith('magento/')), ['other/pkg']);
    assert.ok(['php', 'php-64bit', 'ext-json', 'lib-icu', 'composer', 'composer-runtime-api'].every(isPlatformPackage));
    assert.ok(!isPlatformPackage('phpunit/phpunit'));
  });

  it('counts versions that other packages replace or provide, with self.version taken as theirs', () => {
    const requiring = v('acme/b', '1.0.0');
    assert.deepEqual(index().unmet(requiring, { 'magento/framework': '1.0.0', 'magento/zend': '~2.4.0' }, none), []);
    assert.equal(index().unmet(requiring, { 'magento/framework': '^2.0' }, none)[0]?.reason, 'no-match');
  });

  it('resolves self.version in a requirement to the requiring version, and reports an invalid constraint', () => {
    assert.deepEqual(index().unmet(v('acme/a', '1.1.0'), { 'acme/a': 'self.version' }, none), []);
    assert.equal(index().unmet(v('acme/b', '1.0.0'), { 'acme/a': '^^nope' }, none)[0]?.reason, 'invalid-constraint');
  });
});
