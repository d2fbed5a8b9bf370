import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DistributionRelease } from '../../../src/core/distribution/distribution-release.js';
import { ownComposerJsonProblem, releaseFiles } from '../../../src/core/distribution/release-files.js';
import type { PublishedArtifact } from '../../../src/core/state/build-state.js';

const release: DistributionRelease = {
  version: '1.0.0',
  sources: [{ name: 'm2', ref: '2.4.7', commit: 'c1', tree: 't1', time: 0 }],
  magentoVersion: '2.4.7',
  upstream: { 'magento/module-a': '100.0.1' },
  renames: { 'magento/module-a': 'acme/module-a', 'magento/magento2-base': 'acme/magento2-base' },
  versions: { 'acme/module-a': '1.0.0', 'acme/magento2-base': '1.0.0' },
  aliases: true,
};

function artifact(name: string, extra: Partial<PublishedArtifact> = {}): PublishedArtifact {
  return { name, version: '1.0.0', versionNormalized: '1.0.0.0', kind: 'package', source: 'm2', tag: '1.0.0', commit: 'c1', time: 0, dir: 'app/code/A', key: 'k', file: 'f', sha1: 's', size: 1, composerJson: `{"name":"${name}"}`, ...extra };
}

describe('the composer.json files a release wrote for a source', () => {
  it('takes the packages built from the release commit of that source, at <dir>/composer.json with a trailing newline, named as in the source, in path order', () => {
    const files = releaseFiles(
      [
        artifact('acme/module-a'),
        artifact('acme/magento2-base', { dir: '' }),
        artifact('magento/module-a', { kind: 'metapackage', dir: '', version: '100.0.1' }),
        artifact('acme/module-a', { tag: '0.9.0', commit: 'c0' }),
        artifact('acme/other', { source: 'other' }),
      ],
      release,
      'm2',
    );
    assert.deepEqual(files, [
      { package: 'acme/module-a', sourceName: 'magento/module-a', path: 'app/code/A/composer.json', text: '{"name":"acme/module-a"}\n' },
      { package: 'acme/magento2-base', sourceName: 'magento/magento2-base', path: 'composer.json', text: '{"name":"acme/magento2-base"}\n' },
    ]);
    assert.deepEqual(releaseFiles([artifact('acme/module-a')], release, 'not-in-release'), []);
  });

  it('writes a file only over the package\'s own composer.json', () => {
    const [file] = releaseFiles([artifact('acme/module-a')], release, 'm2');
    assert.ok(file !== undefined);
    assert.equal(ownComposerJsonProblem(file, '{"name": "magento/module-a"}'), null);
    assert.match(ownComposerJsonProblem(file, undefined) ?? '', /has no app\/code\/A\/composer.json/);
    assert.match(ownComposerJsonProblem(file, '{"name": "magento/magento2ce"}') ?? '', /is magento\/magento2ce, not magento\/module-a/);
    assert.match(ownComposerJsonProblem(file, '{}') ?? '', /without a "name"/);
    assert.match(ownComposerJsonProblem(file, '{') ?? '', /not valid JSON/);
  });
});
