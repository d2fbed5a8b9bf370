import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startStaticServer, type StaticServer } from '../../src/adapters/http/static-server.js';
import { runDemo } from '../../src/app/demo.js';
import { localProfileSources } from '../../src/app/config/local-profile.js';
import { buildRepo, removeTempDirs, tempDir } from '../app/build-helpers.js';
import { composer } from '../support/composer.js';

after(removeTempDirs);

/**
 * The Magento demo (a synthetic monorepo, its official composer.json files, stand-ins for the Composer plugins) as
 * the upstream mirror, and a release of the same monorepo under vendor acme: what a Mage-OS-like distribution is.
 */
describe('a distribution release of a synthetic Magento monorepo, installed with the real Composer', () => {
  let mirror: StaticServer;
  let dist: StaticServer;
  let distDir: string;
  let sourceDir: string;
  let mirrorDir: string;

  before(async () => {
    const root = tempDir();
    sourceDir = join(root, 'sources');
    mirrorDir = join(root, 'mirror');
    mkdirSync(mirrorDir);
    mirror = await startStaticServer({ root: mirrorDir, host: '127.0.0.1', port: 0 });
    const demo = await runDemo({ magento: true, sourceDir, outDir: mirrorDir, baseUrl: mirror.url });
    assert.deepEqual(demo.result.errors, []);
    distDir = join(root, 'dist');
    mkdirSync(distDir);
    dist = await startStaticServer({ root: distDir, host: '127.0.0.1', port: 0 });
    const sources = localProfileSources('mirror', {
      'magento2-base-composer-json': join(sourceDir, 'magento2-base-composer-json'),
      'mirror-generator-files': join(sourceDir, 'mirror-generator-files'),
      magento2: join(sourceDir, 'magento2'),
    }).map((s) => (s.name === 'magento2' ? { ...s, ref: '2.4.7' } : s));
    const config = { baseUrl: dist.url, sources, distribution: { vendor: 'acme', upstream: { repository: mirrorDir, version: '2.4.7' } } };
    const result = await buildRepo(config, distDir, { release: { version: '1.0.0' } });
    assert.deepEqual(result.errors, []);
  });
  after(async () => {
    await mirror?.close();
    await dist?.close();
  });

  it('every package is acme/* at 1.0.0 and replaces its magento/* package at its 2.4.7 version; the product carries magento_version', () => {
    const available = JSON.parse(readFileSync(join(distDir, 'packages.json'), 'utf8'))['available-packages'] as string[];
    assert.ok(available.length > 20);
    assert.ok(available.every((n) => n.startsWith('acme/')), available.filter((n) => !n.startsWith('acme/')).join(', '));
    const upstreamProduct = JSON.parse(readFileSync(join(mirrorDir, 'p2/magento/product-community-edition.json'), 'utf8')).packages['magento/product-community-edition'].find((v: { version: string }) => v.version === '2.4.7');
    const framework = JSON.parse(readFileSync(join(distDir, 'p2/acme/framework.json'), 'utf8')).packages['acme/framework'][0];
    assert.equal(framework.version, '1.0.0');
    assert.deepEqual(framework.replace, { 'magento/framework': upstreamProduct.require['magento/framework'] });
    const product = JSON.parse(readFileSync(join(distDir, 'p2/acme/product-community-edition.json'), 'utf8')).packages['acme/product-community-edition'][0];
    assert.equal(product.extra.magento_version, '2.4.7');
    assert.equal(product.require['acme/framework'], '1.0.0');
  });

  it('composer create-project of acme/project-community-edition installs the release, and an extension requiring magento/framework installs on top', async () => {
    const work = tempDir();
    const home = join(work, 'home');
    const created = await composer(
      ['create-project', `--repository=${dist.url}`, `--repository=${mirror.url}`, '--no-scripts', '--ignore-platform-reqs', '--no-install', 'acme/project-community-edition', 'project'],
      { cwd: work, home },
    );
    assert.equal(created.code, 0, created.stderr);
    const projectDir = join(work, 'project');
    const project = JSON.parse(readFileSync(join(projectDir, 'composer.json'), 'utf8'));
    assert.deepEqual(project.repositories, [{ type: 'composer', url: dist.url }], 'the project template points at the distribution');
    assert.equal(project.require['acme/product-community-edition'], '1.0.0');
    // The plugins the template requires are not the distribution's: they come from the upstream mirror.
    project.repositories.push({ type: 'composer', url: mirror.url });
    project.repositories.push({ type: 'package', package: { name: 'ext/extension', version: '1.0.0', type: 'metapackage', require: { 'magento/framework': '*' } } });
    project.require['ext/extension'] = '1.0.0';
    project.config = { ...project.config, 'secure-http': false };
    writeFileSync(join(projectDir, 'composer.json'), JSON.stringify(project, null, 2));
    const installed = await composer(['install', '--no-scripts', '--ignore-platform-reqs', '--no-progress'], { cwd: projectDir, home });
    assert.equal(installed.code, 0, installed.stderr);
    const lock = JSON.parse(readFileSync(join(projectDir, 'composer.lock'), 'utf8')) as { packages: Array<{ name: string; version: string }> };
    const names = lock.packages.map((p) => p.name);
    assert.ok(names.includes('acme/framework') && names.includes('ext/extension'));
    assert.ok(!names.includes('magento/framework'), 'magento/framework is replaced, not installed');
  });
});

