import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { tagSources } from '../../src/app/distribution/tag-sources.js';
import { parseConfig } from '../../src/core/config/parse-config.js';
import type { MageosError } from '../../src/core/errors.js';
import { createRepo, FIXTURE_GIT_ENV, type FixtureRepo } from '../support/git-fixture.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';

after(removeTempDirs);

const json = (value: unknown) => `${JSON.stringify(value, null, 4)}\n`;

/** A Magento-like source: two modules, a root composer.json of another package, tagged 2.4.7; then uncommitted work. */
function source(): FixtureRepo {
  const repo = createRepo();
  repo.writeFile('composer.json', json({ name: 'magento/magento2ce', type: 'project', require: { 'magento/module-a': '*' } }));
  repo.writeFile('app/code/A/composer.json', json({ name: 'magento/module-a', version: '100.0.1', type: 'magento2-module' }));
  repo.writeFile('app/code/A/Model/A.php', '<?php // a\n');
  repo.writeFile('app/code/B/composer.json', json({ name: 'magento/module-b', version: '100.0.2', type: 'magento2-module', require: { 'magento/module-a': '100.*' } }));
  repo.writeFile('app/code/B/Model/B.php', '<?php // b\n');
  repo.writeFile('product/composer.json', json({ name: 'magento/product-community-edition', version: '2.4.7', type: 'metapackage', require: { 'magento/module-a': '100.0.1' } }));
  repo.git(['config', 'user.name', 'Release Maker']);
  repo.git(['config', 'user.email', 'release@example.com']);
  repo.commit('2.4.7');
  repo.tag('2.4.7');
  repo.writeFile('app/code/A/Model/A.php', '<?php // later\n');
  repo.commit('later work');
  repo.writeFile('app/code/B/Model/B.php', '<?php // uncommitted, staged\n');
  repo.git(['add', 'app/code/B/Model/B.php']);
  repo.writeFile('app/code/A/Model/A.php', '<?php // uncommitted, not staged\n');
  return repo;
}

const configOf = (repo: string) => ({
  sources: [{ path: repo, name: 'mageos-magento2', ref: '2.4.7', packages: [{ type: 'modules', dir: 'app/code' }] }],
  distribution: { vendor: 'acme', aliases: true },
});

async function released(repo: FixtureRepo, config: Record<string, unknown> = configOf(repo.dir)) {
  const out = tempDir();
  const built = await buildRepo(config, out, { release: { version: '1.0.0' } });
  assert.deepEqual(built.errors, []);
  return { out, config: parseConfig(config, 'test config') };
}

/** HEAD, the index and every file of the working tree, to see that nothing of the user's changed. */
function userSide(repo: FixtureRepo) {
  return {
    head: repo.git(['rev-parse', 'HEAD']),
    symbolic: repo.git(['symbolic-ref', 'HEAD']),
    index: readFileSync(join(repo.dir, '.git/index')).toString('hex'),
    status: repo.git(['status', '--porcelain=v1', '--untracked-files=all']),
    a: readFileSync(join(repo.dir, 'app/code/A/Model/A.php'), 'utf8'),
    b: readFileSync(join(repo.dir, 'app/code/B/Model/B.php'), 'utf8'),
  };
}

const published = (out: string, name: string) =>
  (JSON.parse(readFileSync(join(out, `p2/${name}.json`), 'utf8')).packages[name] as Array<Record<string, unknown>>)[0] as Record<string, unknown>;

describe('--tag-sources: a release written back into its local sources', () => {
  it('makes branch prep-release/acme-1.0.0 and annotated tag acme-1.0.0 on top of the release commit, with each package composer.json as published', async () => {
    const repo = source();
    const { out, config } = await released(repo);
    const before = userSide(repo);
    const report = await tagSources({ outDir: out, config, version: '1.0.0' });
    assert.deepEqual(userSide(repo), before, 'HEAD, index and working tree are as they were');
    const [result] = report.sources;
    assert.equal(result?.status, 'written');
    if (result?.status !== 'written') return;
    assert.deepEqual([result.branch, result.tag], ['prep-release/acme-1.0.0', 'acme-1.0.0']);
    assert.deepEqual(result.files, ['app/code/A/composer.json', 'app/code/B/composer.json']);
    assert.equal(repo.git(['rev-parse', 'prep-release/acme-1.0.0']), result.commit);
    assert.equal(repo.git(['cat-file', '-t', 'acme-1.0.0']), 'tag', 'an annotated tag');
    assert.equal(repo.git(['rev-parse', 'acme-1.0.0^{commit}']), result.commit);
    assert.equal(repo.git(['rev-parse', `${result.commit}^`]), repo.git(['rev-parse', '2.4.7^{commit}']), 'its parent is the release commit');
    const shown = JSON.parse(repo.git(['show', 'acme-1.0.0:app/code/B/composer.json'])) as Record<string, unknown>;
    assert.equal(shown.name, 'acme/module-b');
    assert.deepEqual(shown.require, { 'acme/module-a': '1.0.0' });
    for (const [dir, name] of [['A', 'acme/module-a'], ['B', 'acme/module-b']] as const) {
      const text = JSON.parse(readBlob(repo, `acme-1.0.0:app/code/${dir}/composer.json`)) as Record<string, unknown>;
      const served = published(out, name);
      for (const field of ['name', 'version', 'require', 'replace']) assert.deepEqual(text[field], served[field], `${dir}: ${field} as served`);
    }
    const raw = readBlob(repo, 'acme-1.0.0:app/code/A/composer.json');
    assert.ok(raw.endsWith('}\n'), 'ends with a newline');
    assert.equal(repo.git(['diff', '--name-only', '2.4.7', 'acme-1.0.0']), 'app/code/A/composer.json\napp/code/B/composer.json', 'nothing else changed');
    assert.equal(repo.git(['show', 'acme-1.0.0:composer.json']), repo.git(['show', '2.4.7:composer.json']), 'the root composer.json is no package of the release');
    assert.deepEqual(repo.git(['branch', '-r']), '', 'nothing pushed: no remote-tracking branch');
    assert.match(repo.git(['cat-file', 'tag', 'acme-1.0.0']), /^tagger Release Maker <release@example\.com> /m, "tagged by the repository's identity");
    repo.cleanup();
  });

  it('writes a root package to the root composer.json; a package made by a composer-json rule is reported as not written', async () => {
    const repo = source();
    const library = createRepo();
    library.writeFile('composer.json', json({ name: 'magento/framework-lib', version: '1.0.5', type: 'library', require: { 'magento/module-a': '100.*' } }));
    library.writeFile('src/Lib.php', '<?php // lib\n');
    library.git(['config', 'user.name', 'Release Maker']);
    library.git(['config', 'user.email', 'release@example.com']);
    library.commit('1.0.5');
    library.tag('1.0.5');
    const product = { type: 'composer-json', name: 'magento/product-community-edition', from: { source: 'mageos-magento2', path: 'product/composer.json', ref: '2.4.7' } };
    const config = {
      ...configOf(repo.dir),
      sources: [
        { ...configOf(repo.dir).sources[0], packages: [{ type: 'modules', dir: 'app/code' }, product] },
        { path: library.dir, name: 'library', ref: '1.0.5' },
      ],
    };
    const { out, config: parsed } = await released(repo, config);
    const report = await tagSources({ outDir: out, config: parsed, version: '1.0.0' });
    const [magento, lib] = report.sources;
    assert.equal(magento?.status, 'written');
    assert.deepEqual(magento?.status === 'written' ? magento.notWritten : [], [
      { package: 'acme/product-community-edition', reason: 'composer.json of the source is magento/magento2ce, not magento/product-community-edition' },
    ]);
    assert.equal(repo.git(['show', 'acme-1.0.0:product/composer.json']), repo.git(['show', '2.4.7:product/composer.json']), 'the file a rule reads is left as it is');
    assert.deepEqual(lib?.status === 'written' ? lib.files : lib, ['composer.json']);
    const root = JSON.parse(readBlob(library, 'acme-1.0.0:composer.json')) as Record<string, unknown>;
    assert.deepEqual([root.name, root.version, root.require], ['acme/framework-lib', '1.0.0', { 'acme/module-a': '1.0.0' }]);
    repo.cleanup();
    library.cleanup();
  });

  it('writes exactly the composer.json text in the build state (plus a newline)', async () => {
    const repo = source();
    const { out, config } = await released(repo);
    await tagSources({ outDir: out, config, version: '1.0.0' });
    const state = JSON.parse(readFileSync(join(out, '.mageos-repo/state.json'), 'utf8')) as { artifacts: Record<string, { name: string; composerJson: string; dir: string }> };
    const artifacts = Object.values(state.artifacts).filter((a) => a.name.startsWith('acme/'));
    assert.equal(artifacts.length, 2);
    for (const a of artifacts) assert.equal(readBlob(repo, `acme-1.0.0:${a.dir}/composer.json`), `${a.composerJson}\n`);
    repo.cleanup();
  });

  it('running it twice is a no-op; a missing tag is made again at the branch', async () => {
    const repo = source();
    const { out, config } = await released(repo);
    const first = await tagSources({ outDir: out, config, version: '1.0.0' });
    const refs = repo.git(['show-ref']);
    const again = await tagSources({ outDir: out, config, version: '1.0.0' });
    assert.equal(again.sources[0]?.status, 'up-to-date');
    assert.equal(repo.git(['show-ref']), refs);
    repo.git(['tag', '-d', 'acme-1.0.0']);
    const third = await tagSources({ outDir: out, config, version: '1.0.0' });
    assert.equal(third.sources[0]?.status, 'written');
    assert.equal(repo.git(['rev-parse', 'acme-1.0.0^{commit}']), first.sources[0]?.status === 'written' ? first.sources[0].commit : '');
    repo.cleanup();
  });

  it('an existing branch of that name with other content is a named error, and nothing is written', async () => {
    const repo = source();
    const { out, config } = await released(repo);
    repo.branch('prep-release/acme-1.0.0', '2.4.7');
    const refs = repo.git(['show-ref']);
    await assert.rejects(tagSources({ outDir: out, config, version: '1.0.0' }), (e: MageosError) => {
      assert.equal(e.code, 'ERR_DRIFT');
      assert.match(e.message, /source "mageos-magento2" .*branch prep-release\/acme-1\.0\.0 already exists/);
      assert.match(e.hint ?? '', /branch -D prep-release\/acme-1\.0\.0/);
      return true;
    });
    assert.equal(repo.git(['show-ref']), refs, 'no tag was made');
    assert.equal(repo.git(['rev-parse', 'prep-release/acme-1.0.0']), repo.git(['rev-parse', '2.4.7^{commit}']), 'the branch was not moved');
    repo.cleanup();
  });

  it('refuses two sources that are the same repository (one branch cannot hold both), writing nothing', async () => {
    const repo = source();
    const config = {
      ...configOf(repo.dir),
      sources: [configOf(repo.dir).sources[0], { path: repo.dir, name: 'product', ref: '2.4.7', packages: [{ type: 'metapackage', dir: 'product' }] }],
    };
    const { out, config: parsed } = await released(repo, config);
    const refs = repo.git(['show-ref']);
    await assert.rejects(tagSources({ outDir: out, config: parsed, version: '1.0.0' }), (e: MageosError) => e.code === 'ERR_USAGE' && /sources "mageos-magento2" and "product" are the same repository/.test(e.message));
    assert.equal(repo.git(['show-ref']), refs);
    repo.cleanup();
  });

  it('skips a url source with the reason, and refuses a release the repository does not hold', async () => {
    const repo = source();
    const config = { ...configOf(repo.dir), sources: [{ url: `file://${repo.dir}`, name: 'remote', ref: '2.4.7', packages: [{ type: 'modules', dir: 'app/code' }] }] };
    const { out, config: parsed } = await released(repo, config);
    const report = await tagSources({ outDir: out, config: parsed, version: '1.0.0' });
    assert.equal(report.sources[0]?.status, 'skipped');
    assert.match(report.sources[0]?.status === 'skipped' ? report.sources[0].reason : '', /url source .* cache clone/);
    assert.equal(repo.git(['tag', '--list', 'acme-*']), '');
    await assert.rejects(tagSources({ outDir: out, config: parsed, version: '2.0.0' }), (e: MageosError) => e.code === 'ERR_USAGE' && /no release 2\.0\.0 .*releases: 1\.0\.0/.test(e.message));
    repo.cleanup();
  });
});

/** A blob's exact text (the fixture's git() trims its output). */
function readBlob(repo: FixtureRepo, spec: string): string {
  return execFileSync('git', ['-C', repo.dir, 'cat-file', 'blob', spec], { env: { ...process.env, ...FIXTURE_GIT_ENV } }).toString('utf8');
}
