import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { resolveConfig } from '../../src/app/config/resolve-config.js';
import { startStaticServer } from '../../src/adapters/http/static-server.js';
import type { MageosError } from '../../src/core/errors.js';
import { composer } from '../support/composer.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';
import { distribution, json, p2, setUp } from './distribution-fixture.js';

after(removeTempDirs);

function templatesDir(files: Record<string, unknown>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : json(content));
  return dir;
}

const release = { release: { version: '1.0.0' } };
const available = (out: string) => JSON.parse(readFileSync(join(out, 'packages.json'), 'utf8'))['available-packages'] as string[];

describe('distribution templates', () => {
  it('a custom template directory changes the product\'s requirements and extra fields, and adds a minimal product from an allow-list', async () => {
    const { repo, upstream } = await setUp();
    const templates = templatesDir({
      'product-community-edition.json': { description: '{vendor} {version}', type: 'metapackage', require: { php: '~8.3.0', '{release}': ['{vendor}/module-a', '{vendor}/magento2-base'] }, extra: { 'acme-edition': 'custom' } },
      'product-minimal-edition.json': { require: { '{release}': ['acme/module-b'] }, extra: { magento_version: '{magentoVersion}' } },
      'README.md': 'not a template',
    });
    const out = tempDir();
    const result = await buildRepo({ ...distribution(repo.dir, upstream, { templates }), baseUrl: 'https://repo.acme.test' }, out, release);
    assert.deepEqual(result.errors, []);
    const product = p2(out, 'acme/product-community-edition')[0] as Record<string, any>;
    assert.equal(product.description, 'acme 1.0.0');
    assert.equal(product.version, '1.0.0');
    assert.deepEqual(product.require, { php: '~8.3.0', 'acme/module-a': '1.0.0', 'acme/magento2-base': '1.0.0' }, 'module-b is no longer required');
    assert.deepEqual(product.extra, { 'acme-edition': 'custom', magento_version: '2.4.7' }, 'the product still gets its magento_version');
    assert.deepEqual(product.replace, { 'magento/product-community-edition': '2.4.7' }, 'the templated product still replaces the upstream one');
    const minimal = p2(out, 'acme/product-minimal-edition');
    assert.equal(minimal.length, 1, 'planned once');
    assert.equal(minimal[0]?.type, 'metapackage');
    assert.equal(minimal[0]?.version, '1.0.0');
    assert.deepEqual(minimal[0]?.require, { 'acme/module-b': '1.0.0' });
    assert.deepEqual(minimal[0]?.extra, { magento_version: '2.4.7' });
    assert.equal(minimal[0]?.replace, undefined, 'a package no upstream has replaces nothing');
    assert.deepEqual(available(out), ['acme/magento2-base', 'acme/module-a', 'acme/module-b', 'acme/product-community-edition', 'acme/product-minimal-edition']);
    const again = await buildRepo({ ...distribution(repo.dir, upstream, { templates }), baseUrl: 'https://repo.acme.test' }, out, release);
    assert.equal(again.upToDate, true, 'the same release with the same templates is a no-op');
    repo.cleanup();
  });

  it('an earlier release keeps the templates it was built with when it is planned again for a later release', async () => {
    const { repo, upstream } = await setUp();
    const out = tempDir();
    const first = templatesDir({ 'product-community-edition.json': { type: 'metapackage', require: { '{release}': ['{vendor}/module-a'] } } });
    const second = templatesDir({ 'product-community-edition.json': { type: 'metapackage', require: { '{release}': '*' } } });
    assert.deepEqual((await buildRepo(distribution(repo.dir, upstream, { templates: first }), out, release)).errors, []);
    const config = distribution(repo.dir, upstream, { templates: second }, '2.4.8');
    // A fix that changes no package still changes the rules, so every release of the source is planned again.
    const source = { ...config.sources[0], fixes: [{ action: 'skip', package: 'magento/module-none', version: '1.0.0', reason: 'plans every release again' }] };
    const next = await buildRepo({ ...config, sources: [source] }, out, { release: { version: '1.1.0' } });
    assert.deepEqual(next.errors, []);
    assert.deepEqual(next.drift, [], 'release 1.0.0 is planned with its own templates, not the new ones');
    const products = p2(out, 'acme/product-community-edition');
    assert.deepEqual(products.map((p) => [p.version, Object.keys(p.require).sort()]), [
      ['1.1.0', ['acme/magento2-base', 'acme/module-a', 'acme/module-b']],
      ['1.0.0', ['acme/module-a']],
    ]);
    repo.cleanup();
  });

  it('refuses a template that is not JSON, not an object, or names an unknown placeholder, naming the file, and publishes nothing', async () => {
    const { repo, upstream } = await setUp();
    const cases: Array<[string, unknown, RegExp]> = [
      ['product-community-edition.json', '{ "require": ', /template .*product-community-edition\.json is not valid JSON/],
      ['product-minimal-edition.json', '[1]', /template .*product-minimal-edition\.json: expected a JSON object/],
      ['project-community-edition.json', { repositories: [{ type: 'composer', url: '{repoUrl}' }] }, /template .*project-community-edition\.json at repositories\[0\]\.url: unknown placeholder "\{repoUrl\}"/],
    ];
    for (const [file, content, message] of cases) {
      const out = tempDir();
      await assert.rejects(buildRepo(distribution(repo.dir, upstream, { templates: templatesDir({ [file]: content }) }), out, release), (e: MageosError) => {
        assert.match(e.message, message);
        return true;
      });
      assert.equal(existsSync(join(out, 'packages.json')), false, 'nothing published');
    }
    await assert.rejects(buildRepo(distribution(repo.dir, upstream, { templates: join(tempDir(), 'missing') }), tempDir(), release), (e: MageosError) => e.code === 'ERR_CONFIG_NOT_FOUND' && /templates directory .*missing/.test(e.message));
    await assert.rejects(buildRepo(distribution(repo.dir, upstream, { templates: 'builtin:nope' }), tempDir(), release), (e: MageosError) => /builtin:mageos/.test(e.hint ?? ''));
    repo.cleanup();
  });

  it('a relative templates path in a config file is relative to the config file; builtin:<name> is left for the tool', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'conf'));
    const write = (templates: string) => {
      writeFileSync(join(dir, 'conf', 'dist.json'), json({ sources: [{ path: 'src', ref: '1.0.0' }], distribution: { vendor: 'acme', templates } }));
      return resolveConfig({ configFile: 'conf/dist.json', cwd: dir });
    };
    assert.equal((await write('tpl')).distribution?.templates, join(dir, 'conf', 'tpl'));
    assert.equal((await write('builtin:mageos')).distribution?.templates, 'builtin:mageos');
  });

  it('builtin:mageos: the product requires the whole release, the minimal product its allow-list, and Composer create-project of the project installs the release from the repository URL', async () => {
    const { repo, upstream } = await setUp();
    const out = tempDir();
    const server = await startStaticServer({ root: out, host: '127.0.0.1', port: 0 });
    try {
      const result = await buildRepo({ ...distribution(repo.dir, upstream, { templates: 'builtin:mageos' }), baseUrl: server.url }, out, release);
      assert.deepEqual(result.errors, []);
      const product = p2(out, 'acme/product-community-edition')[0] as Record<string, any>;
      assert.deepEqual(product.require, { 'acme/magento2-base': '1.0.0', 'acme/module-a': '1.0.0', 'acme/module-b': '1.0.0' });
      assert.deepEqual(product.extra, { magento_version: '2.4.7' });
      assert.deepEqual(p2(out, 'acme/product-minimal-edition')[0]?.require, { 'acme/magento2-base': '1.0.0' }, 'only the allow-list\'s packages the release has');
      const project = p2(out, 'acme/project-community-edition')[0] as Record<string, any>;
      assert.equal(project.type, 'project');
      assert.deepEqual(project.require, { 'acme/product-community-edition': '1.0.0' });
      const work = tempDir();
      const run = await composer(['create-project', `--repository=${server.url}`, '--no-scripts', '--ignore-platform-reqs', '--no-progress', 'acme/project-community-edition', 'shop', '1.0.0'], { cwd: work, home: join(work, '.home') });
      assert.equal(run.code, 0, run.stderr);
      const root = JSON.parse(readFileSync(join(work, 'shop', 'composer.json'), 'utf8')) as Record<string, any>;
      assert.deepEqual(root.repositories, [{ type: 'composer', url: server.url }], 'the project points at the distribution\'s repository');
      assert.equal(root['minimum-stability'], 'stable');
      const lock = JSON.parse(readFileSync(join(work, 'shop', 'composer.lock'), 'utf8')) as { packages: Array<{ name: string; version: string }> };
      assert.deepEqual(lock.packages.map((p) => `${p.name} ${p.version}`).sort(), ['acme/magento2-base 1.0.0', 'acme/module-a 1.0.0', 'acme/module-b 1.0.0', 'acme/product-community-edition 1.0.0']);
    } finally {
      await server.close();
    }
    repo.cleanup();
  });
});
