import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packageMatches } from '../../../src/core/web/package-match.js';
import { INDEX_SCRIPT } from '../../../src/core/web/index-script.js';

const text = 'magento/module-two-factor-auth two factor authentication for the admin panel';

describe('the index filter', () => {
  it('finds a package by words of its name or description, in any order and case', () => {
    assert.equal(packageMatches(text, 'two factor'), true);
    assert.equal(packageMatches(text, '  Factor   TWO '), true);
    assert.equal(packageMatches(text, 'admin auth'), true);
    assert.equal(packageMatches(text, 'two-factor'), true);
  });

  it('needs every word: one missing word and the package is not shown', () => {
    assert.equal(packageMatches(text, 'two factor catalog'), false);
    assert.equal(packageMatches(text, 'twofactor'), false);
  });

  it('shows every package for an empty query', () => {
    assert.equal(packageMatches(text, ''), true);
    assert.equal(packageMatches(text, '   '), true);
  });

  it('is the rule the page runs: its source stands alone and is embedded in the page script', () => {
    const source = String(packageMatches);
    const standalone = new Function(`return (${source});`)() as typeof packageMatches;
    for (const query of ['two factor', 'two factor catalog', '', 'AUTH']) assert.equal(standalone(text, query), packageMatches(text, query));
    assert.ok(INDEX_SCRIPT.includes(`const match=(${source});`));
  });
});
