import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheControlFor } from '../../../src/core/web/cache-policy.js';

describe('cacheControlFor', () => {
  it('archives and content-addressed provider files are immutable; metadata and pages revalidate', () => {
    const immutable = 'public, max-age=31536000, immutable';
    assert.equal(cacheControlFor('packages/acme/a-1.0.0.zip'), immutable);
    assert.equal(cacheControlFor(`p/acme/a$${'0'.repeat(64)}.json`), immutable);
    assert.equal(cacheControlFor(`p/provider-all$${'a'.repeat(64)}.json`), immutable);
    for (const path of ['packages.json', 'p2/acme/a.json', 'p2/acme/a~dev.json', 'index.html', 'status.json', 'p/acme/a.json', 'packages/acme/notes.txt']) {
      assert.equal(cacheControlFor(path), 'no-cache', path);
    }
    assert.equal(cacheControlFor('p2/acme/a.json', 60), 'public, max-age=60, must-revalidate');
    assert.equal(cacheControlFor('packages/acme/a-1.0.0.zip', 60), immutable);
  });
});
