import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ConfigLayer, mergeConfigLayers } from '../../../src/core/config/merge-config.js';
import { MageosError } from '../../../src/core/errors.js';

const base: ConfigLayer = {
  origin: 'profile "mirror"',
  raw: {
    title: 'Mirror',
    nightly: { retain: 14, installCheck: true },
    sources: [
      { name: 'magento2', url: 'https://github.com/mage-os/mirror-magento2.git', tags: { from: '2.4.0' }, fixes: [{ action: 'skip', package: 'magento/a', version: '1.0.0', reason: 'r1' }, { action: 'skip', package: 'magento/b', version: '1.0.0', reason: 'r2' }] },
      { name: 'page-builder', url: 'https://github.com/mage-os/mirror-magento2-page-builder.git' },
      { name: 'inventory', url: 'https://github.com/mage-os/mirror-inventory.git' },
    ],
    archives: [{ name: 'additional-packages', url: 'https://github.com/mage-os/generate-mirror-repo-js.git', reason: 'zips' }],
  },
};

function refused(layers: ConfigLayer[], message: RegExp): void {
  assert.throws(() => mergeConfigLayers(layers), (error: unknown) => error instanceof MageosError && error.code === 'ERR_CONFIG_INVALID' && message.test(error.message));
}

describe('merging an "extends" chain', () => {
  it('replaces a named source\'s url by a path and keeps its other fields; other sources stay as they are, in order', () => {
    const { raw } = mergeConfigLayers([base, { origin: 'my.json', raw: { extends: 'mirror', sources: [{ name: 'magento2', path: '/srv/git/magento2.git' }] } }]);
    const sources = raw.sources as Array<Record<string, unknown>>;
    assert.deepEqual(sources.map((s) => s.name), ['magento2', 'page-builder', 'inventory']);
    assert.equal(sources[0]?.path, '/srv/git/magento2.git');
    assert.equal(sources[0]?.url, undefined);
    assert.deepEqual(sources[0]?.tags, { from: '2.4.0' });
    assert.equal((sources[0]?.fixes as unknown[]).length, 2);
    assert.equal(raw.extends, undefined);
  });

  it('adds sources with new names, removes named ones, and the same for archive sources', () => {
    const { raw } = mergeConfigLayers([
      base,
      { origin: 'my.json', raw: { extends: 'mirror', removeSources: ['page-builder'], sources: [{ name: 'acme', path: '/srv/acme' }], removeArchives: ['additional-packages'], archives: [{ name: 'zips', path: '/srv/zips', reason: 'ours' }] } },
    ]);
    assert.deepEqual((raw.sources as Array<{ name: string }>).map((s) => s.name), ['magento2', 'inventory', 'acme']);
    assert.deepEqual(raw.archives, [{ name: 'zips', path: '/srv/zips', reason: 'ours' }]);
    assert.equal(raw.removeSources, undefined);
    assert.equal(raw.removeArchives, undefined);
  });

  it('adds fixes to a source and removes the fixes that have the given field values', () => {
    const added = { action: 'skip', package: 'magento/c', version: '2.0.0', reason: 'mine' };
    const { raw } = mergeConfigLayers([base, { origin: 'my.json', raw: { sources: [{ name: 'magento2', removeFixes: [{ package: 'magento/a' }], fixes: [added] }] } }]);
    const fixes = (raw.sources as Array<{ fixes: Array<{ package: string }> }>)[0]?.fixes;
    assert.deepEqual(fixes?.map((f) => f.package), ['magento/b', 'magento/c']);
  });

  it('replaces top-level values and merges objects field by field; each layer applies over the one before', () => {
    const { raw, origins } = mergeConfigLayers([
      base,
      { origin: 'middle.json', raw: { title: 'Ours', nightly: { retain: 3 }, sources: [{ name: 'inventory', url: 'https://git.example/inventory.git' }] } },
      { origin: 'top.json', raw: { sources: [{ name: 'inventory', path: '/cache/inventory' }] } },
    ]);
    assert.equal(raw.title, 'Ours');
    assert.deepEqual(raw.nightly, { retain: 3, installCheck: true });
    assert.deepEqual((raw.sources as Array<Record<string, unknown>>)[2], { name: 'inventory', path: '/cache/inventory' });
    assert.equal(origins.get('sources[2]'), 'top.json');
    assert.equal(origins.get('sources[0]'), 'profile "mirror"');
    assert.equal(origins.get('title'), 'middle.json');
  });

  it('refuses a name to remove that the extended config does not have, naming the file and listing the names it has', () => {
    refused([base, { origin: 'my.json', raw: { removeSources: ['page-bilder'] } }], /^my\.json: "removeSources" names source "page-bilder", which profile "mirror" does not have/);
    refused([base, { origin: 'my.json', raw: { removeArchives: ['nope'] } }], /archive source "nope"/);
    try {
      mergeConfigLayers([base, { origin: 'my.json', raw: { removeSources: ['x'] } }]);
    } catch (error) {
      assert.match((error as MageosError).hint ?? '', /magento2, page-builder, inventory/);
    }
  });

  it('refuses removeFixes that match no fix, removeFixes for a new source, and remove fields without "extends"', () => {
    refused([base, { origin: 'my.json', raw: { sources: [{ name: 'magento2', removeFixes: [{ package: 'magento/zzz' }] }] } }], /no fix has \{"package":"magento\/zzz"\}/);
    refused([base, { origin: 'my.json', raw: { sources: [{ name: 'new', path: '/x', removeFixes: [{ package: 'magento/a' }] }] } }], /"removeFixes" is in a source that profile "mirror" does not have/);
    refused([{ origin: 'alone.json', raw: { sources: [], removeSources: ['a'] } }], /^alone\.json: "removeSources" changes an extended config, but this one has no "extends"/);
  });

  it('leaves a single document as it is (without "extends")', () => {
    const { raw } = mergeConfigLayers([base]);
    assert.deepEqual(raw, base.raw);
  });
});
