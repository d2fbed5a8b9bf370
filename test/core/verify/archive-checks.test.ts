import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkArchiveComposerJson } from '../../../src/core/verify/archive-checks.js';
import { archiveRoot } from '../../../src/core/verify/archive-root.js';

const metadata = { name: 'acme/a', version: '1.0.0', require: { 'acme/b': '^1.0', php: '>=8.1' } };

describe('archiveRoot', () => {
  it('finds composer.json at the root or in the single top-level directory of a GitHub-style zip', () => {
    assert.equal(archiveRoot(['composer.json', 'src/A.php']), '');
    assert.equal(archiveRoot(['acme-a-1234/', 'acme-a-1234/composer.json', 'acme-a-1234/src/A.php']), 'acme-a-1234/');
    assert.equal(archiveRoot(['one/composer.json', 'two/x']), null);
    assert.equal(archiveRoot(['src/A.php']), null);
  });
});

describe('checkArchiveComposerJson', () => {
  it('accepts a composer.json with the same name and requirements in another order and format', () => {
    assert.deepEqual(checkArchiveComposerJson(metadata, JSON.stringify({ require: { php: '>=8.1', 'acme/b': '^1.0' }, name: 'acme/a' }, null, 4)), []);
  });

  it('reports a different name and each different requirement with both values', () => {
    const problems = checkArchiveComposerJson(metadata, JSON.stringify({ name: 'acme/x', require: { 'acme/b': '^2.0' } }));
    assert.deepEqual(problems.map((p) => [p.kind, p.details]), [
      ['composer-json-mismatch', { key: 'name', metadata: 'acme/a', archive: 'acme/x' }],
      ['composer-json-mismatch', { key: 'require.acme/b', metadata: '^1.0', archive: '^2.0' }],
      ['composer-json-mismatch', { key: 'require.php', metadata: '>=8.1' }],
    ]);
  });

  it('reports a missing or unparsable composer.json', () => {
    assert.equal(checkArchiveComposerJson(metadata, null)[0]?.kind, 'composer-json-missing');
    assert.equal(checkArchiveComposerJson(metadata, '{nope')[0]?.kind, 'composer-json-invalid');
  });
});
