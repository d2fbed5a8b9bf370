import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ownVendorsFilter } from '../../../src/core/verify/name-filter.js';

describe('ownVendorsFilter', () => {
  it('selects every name of a vendor the repository serves, whatever its case, and the names the globs match', () => {
    const mustResolve = ownVendorsFilter(['magento/framework', 'Magento/module-catalog'], ['laminas/laminas-*']);
    for (const name of ['magento/framework', 'magento/composer-root-update-plugin', 'MAGENTO/Module-New', 'laminas/laminas-code']) assert.ok(mustResolve(name), name);
    for (const name of ['symfony/console', 'laminas/other', 'magento2/x', 'mage/framework']) assert.ok(!mustResolve(name), name);
  });

  it('selects nothing for an empty repository without globs', () => {
    assert.equal(ownVendorsFilter([], [])('magento/framework'), false);
  });
});
