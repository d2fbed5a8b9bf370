import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, diffJson } from '../../../src/core/verify/json-diff.js';

describe('diffJson: composer.json compared as data', () => {
  it('ignores key order at every depth and formatting', () => {
    const a = JSON.parse('{"name":"a/b","require":{"x/y":"1.0","p/q":"^2"},"autoload":{"psr-4":{"A\\\\":"src/"}}}');
    const b = JSON.parse(JSON.stringify({ autoload: { 'psr-4': { 'A\\': 'src/' } }, require: { 'p/q': '^2', 'x/y': '1.0' }, name: 'a/b' }, null, 4));
    assert.deepEqual(diffJson(a, b), []);
    assert.equal(canonicalJson(a), canonicalJson(b));
  });

  it('names each changed leaf by its dotted key with both values; a side without the key has no value', () => {
    const ours = { name: 'a/b', require: { 'x/y': '1.0', 'p/q': '^2' }, license: ['MIT'] };
    const reference = { name: 'a/b', require: { 'x/y': '1.1' }, license: ['OSL-3.0'], type: 'library' };
    assert.deepEqual(diffJson(ours, reference), [
      { key: 'license', left: ['MIT'], right: ['OSL-3.0'] },
      { key: 'require.p/q', left: '^2' },
      { key: 'require.x/y', left: '1.0', right: '1.1' },
      { key: 'type', right: 'library' },
    ]);
  });

  it('compares arrays as whole values, in order', () => {
    assert.deepEqual(diffJson({ files: ['a', 'b'] }, { files: ['b', 'a'] }), [{ key: 'files', left: ['a', 'b'], right: ['b', 'a'] }]);
  });
});
