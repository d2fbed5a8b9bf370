import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyResult } from '../../src/app/builder/build-report.js';
import type { BuildResult } from '../../src/app/builder/build-result.js';
import { renderBuild as renderWithColours } from '../../src/cli/render-build.js';

/** The summary without colours: picocolors colours it under CI=true, as CI runs the tests. */
const renderBuild = (...args: Parameters<typeof renderWithColours>) => renderWithColours(...args).replace(/\u001b\[[0-9;]*m/g, '');

function result(extra: Partial<BuildResult>): BuildResult {
  return {
    ...emptyResult('/repo', false),
    counts: { planned: 3, built: 3, reused: 0, skipped: 0, failed: 0, drift: 0, warnings: 0 },
    bytesWritten: 2048,
    durationMs: 1500,
    metadata: { written: 4, unchanged: 0, deleted: 0 },
    ...extra,
  };
}

describe('build summary (human text)', () => {
  it('a source with "packages": [] is shown as providing files, not as having 0 releases', () => {
    const text = renderBuild(
      result({
        sources: [
          { name: 'official', gitDir: '/c', fetched: false, releases: [], ignoredTags: [], filesOnly: true },
          { name: 'magento2', gitDir: '/m', fetched: false, releases: ['2.4.6', '2.4.7'], ignoredTags: [] },
        ],
      }),
    );
    assert.match(text, /^source official: files for other sources' rules and fixes \(no packages of its own\)$/m);
    assert.match(text, /^source magento2: 2 release\(s\)$/m);
    assert.doesNotMatch(text, /0 release/);
  });

  it('a derived package is a note, a problem a warning', () => {
    const text = renderBuild(
      result({
        warnings: [
          { source: 'magento2', tag: '2.4.7', package: 'magento/product-community-edition', level: 'info', message: 'derived: source "official" has no 2.4.7/product-community-edition/composer.json' },
          { source: 'magento2', tag: '2.4.7', path: 'lib/link', message: 'symbolic link left out' },
        ],
      }),
    );
    assert.match(text, /^note: magento2 2\.4\.7 magento\/product-community-edition: derived: /m);
    assert.match(text, /^warning: magento2 2\.4\.7 lib\/link: symbolic link left out$/m);
  });

  it('unused fixes are a warning each, or one note naming their packages when the caller says why they are expected', () => {
    const unusedFixes = [
      { source: 'magento2', package: 'magento/magento2-base', reason: 'only 2.4.0' },
      { source: 'magento2', package: 'magento/magento2-base', reason: 'only 2.4.1' },
      { source: 'magento2', package: 'magento/module-catalog', reason: 'only 103.0.7-p3' },
    ];
    const plain = renderBuild(result({ unusedFixes }));
    assert.equal(plain.split('\n').filter((l) => l.startsWith('warning: fix for')).length, 3);
    const demo = renderBuild(result({ unusedFixes }), { unusedFixesExpected: 'they are for releases the demo does not generate' });
    assert.doesNotMatch(demo, /warning/);
    assert.match(demo, /^note: 3 fix\(es\) matched nothing \(magento\/magento2-base, magento\/module-catalog\): they are for releases the demo does not generate$/m);
  });
});
