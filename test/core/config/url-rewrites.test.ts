import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyUrlRewrites, rewriteUrl } from '../../../src/core/config/url-rewrites.js';
import { withSourceLocations } from '../../../src/core/config/source-url-overrides.js';
import { MageosError } from '../../../src/core/errors.js';

describe('URL rewrites', () => {
  const rules = {
    'https://github.com/': 'https://git.example.com/github/',
    'https://github.com/mage-os/': '/srv/git/',
  };

  it('the longest matching prefix wins, whatever the order of the rules', () => {
    assert.deepEqual(rewriteUrl('https://github.com/mage-os/mirror-magento2.git', rules), { path: '/srv/git/mirror-magento2.git' });
    assert.deepEqual(rewriteUrl('https://github.com/magento/other.git', rules), { url: 'https://git.example.com/github/magento/other.git' });
    const reversed = Object.fromEntries(Object.entries(rules).reverse());
    assert.deepEqual(rewriteUrl('https://github.com/mage-os/mirror-magento2.git', reversed), { path: '/srv/git/mirror-magento2.git' });
  });

  it('leaves a URL no rule matches unchanged', () => {
    assert.equal(rewriteUrl('https://gitlab.com/x/y.git', rules), undefined);
  });

  it('makes a source whose rewritten URL is a local directory a path source, for sources and archive sources', () => {
    const raw = applyUrlRewrites({
      urlRewrites: { 'https://github.com/mage-os/': '/srv/git/' },
      sources: [{ name: 'magento2', url: 'https://github.com/mage-os/mirror-magento2.git', tags: { from: '2.4.0' } }, { name: 'local', path: '/x' }, { name: 'other', url: 'git@example.com:a/b.git' }],
      archives: [{ name: 'zips', url: 'https://github.com/mage-os/generate-mirror-repo-js.git', gitPath: 'resource', reason: 'r' }],
    });
    assert.deepEqual(raw.sources, [
      { name: 'magento2', tags: { from: '2.4.0' }, path: '/srv/git/mirror-magento2.git' },
      { name: 'local', path: '/x' },
      { name: 'other', url: 'git@example.com:a/b.git' },
    ]);
    assert.deepEqual(raw.archives, [{ name: 'zips', gitPath: 'resource', reason: 'r', path: '/srv/git/generate-mirror-repo-js.git', ref: 'HEAD' }], 'a clone is read at HEAD');
  });

  it('leaves malformed rules to the schema', () => {
    const raw = { urlRewrites: { 'https://x/': 3 }, sources: [{ url: 'https://x/a' }] };
    assert.deepEqual(applyUrlRewrites(raw), raw);
  });
});

describe('--source-url locations', () => {
  const raw = { sources: [{ name: 'magento2', url: 'https://github.com/mage-os/mirror-magento2.git', tags: { from: '2.4.0' } }, { name: 'inventory', path: '/a' }], archives: [{ name: 'zips', path: '/z', reason: 'r' }] };

  it('points named sources and archive sources elsewhere, keeping their other fields', () => {
    const moved = withSourceLocations(raw, { magento2: { path: '/srv/magento2' }, zips: { url: 'https://git.example/zips.git' } }, 'profile "mirror"');
    assert.deepEqual(withSourceLocations({ sources: [], archives: [{ name: 'z', url: 'https://x/z.git', reason: 'r' }] }, { z: { path: '/z' } }, 'c').archives, [{ name: 'z', reason: 'r', path: '/z', ref: 'HEAD' }]);
    assert.deepEqual(moved.sources, [{ name: 'magento2', tags: { from: '2.4.0' }, path: '/srv/magento2' }, { name: 'inventory', path: '/a' }]);
    assert.deepEqual(moved.archives, [{ name: 'zips', reason: 'r', url: 'https://git.example/zips.git' }]);
  });

  it('refuses a name the config does not have, listing the names it has', () => {
    assert.throws(
      () => withSourceLocations(raw, { magento: { path: '/x' } }, 'profile "mirror"'),
      (error: unknown) => error instanceof MageosError && error.code === 'ERR_USAGE' && /source "magento", which profile "mirror" does not have/.test(error.message) && /magento2, inventory, zips/.test(error.hint ?? ''),
    );
  });
});
