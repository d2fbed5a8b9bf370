import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startStaticServer } from '../../src/adapters/http/static-server.js';
import { MageosError } from '../../src/core/errors.js';
import { composer } from '../support/composer.js';
import { createRepo } from '../support/git-fixture.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';
import { distribution, json, p2, setUp } from './distribution-fixture.js';

after(removeTempDirs);

describe('a release of a distribution under its own vendor', () => {
  it('renames every magento/* package, gives it the release version, pins the release, replaces the upstream package at its upstream version', async () => {
    const { repo, upstream } = await setUp();
    const out = tempDir();
    const result = await buildRepo(distribution(repo.dir, upstream), out, { release: { version: '1.0.0' } });
    assert.deepEqual(result.errors, []);
    const b = p2(out, 'acme/module-b')[0] as Record<string, any>;
    assert.equal(b.version, '1.0.0');
    assert.deepEqual(b.require, { 'acme/module-a': '1.0.0' });
    assert.deepEqual(b.suggest, { 'acme/module-a': 'Sample Data version: 1.0.0' });
    assert.deepEqual(b.replace, { 'magento/module-b': '100.0.2' });
    const product = p2(out, 'acme/product-community-edition')[0] as Record<string, any>;
    assert.deepEqual(product.require, { 'acme/module-a': '1.0.0', 'acme/module-b': '1.0.0', 'acme/magento2-base': '1.0.0' });
    assert.deepEqual(product.extra, { magento_version: '2.4.7' });
    assert.deepEqual(product.replace, { 'magento/product-community-edition': '2.4.7' });
    assert.equal(p2(out, 'acme/magento2-base')[0]?.replace, undefined, 'the base package replaces nothing');
    assert.deepEqual(JSON.parse(readFileSync(join(out, 'packages.json'), 'utf8'))['available-packages'], ['acme/magento2-base', 'acme/module-a', 'acme/module-b', 'acme/product-community-edition']);
    repo.cleanup();
  });

  it('the same release again is a no-op; with other content it is refused as drift unless republished; a new release keeps the old one', async () => {
    const { repo, upstream } = await setUp();
    const out = tempDir();
    await buildRepo(distribution(repo.dir, upstream), out, { release: { version: '1.0.0' } });
    const again = await buildRepo(distribution(repo.dir, upstream), out, { release: { version: '1.0.0' } });
    assert.equal(again.upToDate, true);
    const moved = await buildRepo(distribution(repo.dir, upstream, {}, '2.4.8'), out, { release: { version: '1.0.0' } });
    assert.ok(moved.drift.some((d) => d.package === 'acme/module-a' && d.version === '1.0.0'), JSON.stringify(moved.drift.map((d) => d.package)));
    assert.equal(p2(out, 'acme/module-a')[0]?.replace['magento/module-a'], '100.0.1', 'the published release is kept');
    const aliased = await buildRepo(distribution(repo.dir, upstream, { aliases: true }), out, { release: { version: '1.0.0' } });
    assert.equal(aliased.upToDate, false, 'a changed distribution setting is no no-op');
    assert.ok(aliased.actions.some((a) => a.package === 'magento/module-a' && a.action === 'build'), 'the aliases are added');
    const next = await buildRepo(distribution(repo.dir, upstream, {}, '2.4.8'), out, { release: { version: '1.1.0' } });
    assert.deepEqual(next.errors, []);
    assert.deepEqual(p2(out, 'acme/module-a').map((v) => v.version), ['1.1.0', '1.0.0']);
    repo.cleanup();
  });

  it('aliases: a magento/<x> metapackage at the upstream version that requires the renamed package', async () => {
    const { repo, upstream } = await setUp();
    const out = tempDir();
    await buildRepo(distribution(repo.dir, upstream, { aliases: true }), out, { release: { version: '1.0.0' } });
    const alias = p2(out, 'magento/module-a')[0] as Record<string, any>;
    assert.equal(alias.version, '100.0.1');
    assert.equal(alias.type, 'metapackage');
    assert.deepEqual(alias.require, { 'acme/module-a': '*' });
    assert.throws(() => p2(out, 'magento/magento2-base'), 'no alias for the base package');
    repo.cleanup();
  });

  it('records its sources in config order, whichever opens first (a url source is cloned, a path source is read in place)', async () => {
    const { repo, upstream } = await setUp();
    const library = createRepo();
    library.writeFile('composer.json', json({ name: 'magento/framework-lib', version: '1.0.5', type: 'library' }));
    library.commit('1.0.5');
    library.tag('1.0.5');
    const config = distribution(repo.dir, upstream);
    config.sources = [{ url: `file://${library.dir}`, name: 'library', ref: '1.0.5' } as never, ...config.sources];
    const out = tempDir();
    const result = await buildRepo(config, out, { release: { version: '1.0.0' } });
    assert.deepEqual(result.errors, []);
    const state = JSON.parse(readFileSync(join(out, '.mageos-repo/state.json'), 'utf8')) as { distribution: Array<{ sources: Array<{ name: string }> }> };
    assert.deepEqual(state.distribution[0]?.sources.map((s) => s.name), ['library', 'mageos-magento2']);
    repo.cleanup();
    library.cleanup();
  });

  it('bad input: an unknown upstream version, a missing ref, a vendor that is no vendor, a release version that is no version', async () => {
    const { repo, upstream } = await setUp();
    const bad = async (config: unknown, version = '1.0.0') => buildRepo(config, tempDir(), { release: { version } });
    await assert.rejects(bad({ ...distribution(repo.dir, upstream), distribution: { vendor: 'acme', upstream: { repository: upstream, version: '2.4.99' } } }), (e: MageosError) => {
      assert.match(e.message, /has no magento\/product-community-edition 2\.4\.99/);
      assert.match(e.hint ?? '', /2\.4\.8, 2\.4\.7/);
      return true;
    });
    await assert.rejects(bad(distribution(repo.dir, upstream, {}, 'no-such-tag')), (e: MageosError) => e.code === 'ERR_GIT_REF_NOT_FOUND');
    await assert.rejects(bad({ ...distribution(repo.dir, upstream), distribution: { vendor: 'Acme Inc' } }), (e: MageosError) => e.code === 'ERR_CONFIG_INVALID' && /vendor/.test(e.message));
    await assert.rejects(bad(distribution(repo.dir, upstream), '1.0/../x'), (e: MageosError) => e.code === 'ERR_USAGE');
    await assert.rejects(bad({ ...distribution(repo.dir, upstream), distribution: { vendor: 'acme', upstream: { repository: join(upstream, 'nowhere'), version: '2.4.7' } } }), (e: MageosError) => {
      assert.equal(e.code, 'ERR_REPOSITORY_UNREADABLE');
      assert.match(e.message, /cannot read the upstream repository .*nowhere/);
      return true;
    });
    // acme/module-a exists upstream-side under its own name too: renaming magento/module-a would collide with it.
    repo.writeFile('extra/composer.json', json({ name: 'acme/module-a', version: '9.9.9', type: 'library' }));
    repo.commit('a package already named like a renamed one');
    repo.tag('2.4.9');
    await assert.rejects(bad(distribution(repo.dir, upstream, {}, '2.4.9')), (e: MageosError) => e.code === 'ERR_CONFIG_INVALID' && /acme\/module-a and magento\/module-a would both be published as acme\/module-a/.test(e.message));
    repo.cleanup();
  });

  it('installs with the real Composer, and an extension that requires magento/module-a installs on top of it through replace', async () => {
    const { repo, upstream } = await setUp();
    const out = tempDir();
    const server = await startStaticServer({ root: out, host: '127.0.0.1', port: 0 });
    try {
      const result = await buildRepo({ ...distribution(repo.dir, upstream), baseUrl: server.url }, out, { release: { version: '1.0.0' } });
      assert.deepEqual(result.errors, []);
      const project = tempDir();
      const extension = { name: 'ext/extension', version: '1.0.0', type: 'metapackage', require: { 'magento/module-a': '^100.0', 'magento/module-b': '100.0.2' } };
      mkdirSync(project, { recursive: true });
      writeFileSync(
        join(project, 'composer.json'),
        json({ name: 'x/project', require: { 'acme/product-community-edition': '1.0.0', 'ext/extension': '1.0.0' }, repositories: [{ type: 'composer', url: server.url }, { type: 'package', package: extension }], config: { 'allow-plugins': false } }),
      );
      const run = await composer(['install', '--no-scripts', '--ignore-platform-reqs', '--no-progress'], { cwd: project, home: join(project, '.home') });
      assert.equal(run.code, 0, run.stderr);
      const lock = JSON.parse(readFileSync(join(project, 'composer.lock'), 'utf8')) as { packages: Array<{ name: string; version: string }> };
      assert.deepEqual(lock.packages.map((p) => `${p.name} ${p.version}`).sort(), [
        'acme/magento2-base 1.0.0',
        'acme/module-a 1.0.0',
        'acme/module-b 1.0.0',
        'acme/product-community-edition 1.0.0',
        'ext/extension 1.0.0',
      ]);
    } finally {
      await server.close();
    }
    repo.cleanup();
  });

  it('with aliases, an extension that requires magento/module-a installs on the distribution alone (Composer finds the name through the alias)', async () => {
    const { repo, upstream } = await setUp();
    const install = async (aliases: boolean) => {
      const out = tempDir();
      const server = await startStaticServer({ root: out, host: '127.0.0.1', port: 0 });
      try {
        await buildRepo({ ...distribution(repo.dir, upstream, { aliases }), baseUrl: server.url }, out, { release: { version: '1.0.0' } });
        const project = tempDir();
        const extension = { name: 'ext/extension', version: '1.0.0', type: 'metapackage', require: { 'magento/module-a': '^100.0' } };
        writeFileSync(join(project, 'composer.json'), json({ name: 'x/project', require: { 'ext/extension': '1.0.0' }, repositories: [{ type: 'composer', url: server.url }, { type: 'package', package: extension }], config: { 'allow-plugins': false } }));
        const run = await composer(['install', '--no-scripts', '--ignore-platform-reqs', '--no-progress'], { cwd: project, home: join(project, '.home') });
        const lock = run.code === 0 ? (JSON.parse(readFileSync(join(project, 'composer.lock'), 'utf8')) as { packages: Array<{ name: string; version: string }> }) : { packages: [] };
        return { run, installed: lock.packages.map((p) => `${p.name} ${p.version}`).sort() };
      } finally {
        await server.close();
      }
    };
    const without = await install(false);
    assert.notEqual(without.run.code, 0, 'without aliases Composer cannot find magento/module-a by its name');
    const withAliases = await install(true);
    assert.equal(withAliases.run.code, 0, withAliases.run.stderr);
    assert.ok(withAliases.installed.includes('acme/module-a 1.0.0'), withAliases.installed.join(', '));
    repo.cleanup();
  });

  it('a distribution nightly: the fork\'s development branch under the vendor, at nightly versions, replacing the upstream; a broken night is refused', async () => {
    const { repo, upstream } = await setUp();
    repo.git(['checkout', '--quiet', '-b', 'develop']);
    repo.writeFile('app/code/A/Model/A.php', '<?php // develop\n');
    repo.commit('develop: a change');
    const config = { sources: [{ path: repo.dir, name: 'mageos-magento2', branch: 'develop' }], distribution: { vendor: 'acme', upstream: { repository: upstream, version: '2.4.7' } }, nightly: { installCheck: false, mustResolve: ['magento/*', 'acme/*'] } };
    const out = tempDir();
    const night = await buildRepo(config, out, { nightly: { date: '2026-12-07' } });
    assert.deepEqual(night.errors, []);
    const a = p2(out, 'acme/module-a')[0] as Record<string, any>;
    assert.equal(a.version, '100.0.3.1-a20261207', 'the base is the fork\'s newest tag, 2.4.8');
    assert.deepEqual(a.replace, { 'magento/module-a': '100.0.1' });
    assert.deepEqual(p2(out, 'acme/module-b')[0]?.require, { 'acme/module-a': '100.0.3.1-a20261207' });
    assert.deepEqual(night.night?.changed, ['acme/magento2-base', 'acme/module-a', 'acme/module-b', 'acme/product-community-edition']);
    repo.writeFile('app/code/B/Model/B.php', '<?php // develop, night two\n');
    repo.commit('develop: night two');
    const second = await buildRepo(config, out, { nightly: { date: '2026-12-08' } });
    assert.equal(second.night?.result, 'published');
    assert.deepEqual(second.night?.changed, ['acme/module-b']);
    assert.deepEqual(p2(out, 'acme/module-a').map((v) => v.version), ['100.0.3.1-a20261208', '100.0.3.1-a20261207'], 'two nights are served');
    repo.writeFile('product/composer.json', json({ name: 'magento/product-community-edition', type: 'metapackage', require: { 'magento/module-gone': '*' } }));
    repo.commit('develop: the product requires a package nobody builds');
    const broken = await buildRepo(config, out, { nightly: { date: '2026-12-09' } });
    assert.equal(broken.night?.result, 'failed');
    assert.equal(p2(out, 'acme/module-a')[0]?.version, '100.0.3.1-a20261208', 'the night before stays served');
    repo.cleanup();
  });
});
