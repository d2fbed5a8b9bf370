import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readZipEntries, readZipEntry } from '../../src/adapters/zip/zip-reader.js';
import { createRepo, type FixtureRepo } from '../support/git-fixture.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';

after(removeTempDirs);

const BASE_URL = 'https://mirror.example/magento/';
const json = (value: unknown) => `${JSON.stringify(value, null, 4)}\n`;

/** A tiny monorepo: one module, the framework with a sub-framework, root files; releases 2.4.0 and 2.4.1. */
function createMonorepo(): FixtureRepo {
  const repo = createRepo();
  const release = (version: string, moduleVersion: string) => {
    repo.writeFile('composer.json', json({ name: 'magento/magento2ce', type: 'project', version, description: 'Magento root', license: ['OSL-3.0'], require: { php: '~8.2.0' }, replace: { 'magento/module-a': '*' } }));
    repo.writeFile('app/code/Magento/A/composer.json', json({ name: 'magento/module-a', type: 'magento2-module', version: moduleVersion }));
    repo.writeFile('app/code/Magento/A/registration.php', `<?php // ${moduleVersion}\n`);
    repo.writeFile('lib/internal/Magento/Framework/composer.json', json({ name: 'magento/framework', type: 'magento2-library', version: '103.0.0' }));
    repo.writeFile('lib/internal/Magento/Framework/App/Bootstrap.php', '<?php\n');
    repo.writeFile('lib/internal/Magento/Framework/Amqp/composer.json', json({ name: 'magento/framework-amqp', type: 'magento2-library', version: '100.4.0' }));
    repo.writeFile('lib/internal/Magento/Framework/Amqp/Config.php', '<?php\n');
    repo.writeFile('index.php', `<?php // ${version}\n`);
    repo.writeFile('app/etc/vendor_path.php', '<?php return "vendor";\n');
    repo.writeFile('app/etc/di.xml', '<config/>\n');
    repo.writeFile('.gitignore', '/vendor\n');
    repo.writeFile('.github/workflows/ci.yml', 'on: push\n');
    repo.writeFile('composer.lock', '{}\n');
    repo.commit(version);
    repo.tag(version);
  };
  release('2.4.0', '100.4.0');
  release('2.4.1', '100.4.1');
  return repo;
}

/** Official composer.json files for 2.4.0 only, shaped like mage-os/magento2-base-composer-json. */
function createOfficialJsonRepo(): FixtureRepo {
  const repo = createRepo();
  repo.writeFile('2.4.0/magento2-base/composer.json', json({ name: 'magento/magento2-base', description: 'Magento 2 (Open Source)', type: 'magento2-component', version: '2.4.0', require: { php: '~8.2.0' }, replace: { 'magento/module-a': '*' }, extra: { map: [['index.php', 'index.php']] } }));
  repo.writeFile('2.4.0/product-community-edition/composer.json', json({ name: 'magento/product-community-edition', type: 'metapackage', version: '2.4.0', require: { 'magento/magento2-base': '2.4.0', 'magento/module-a': '100.4.0' } }));
  repo.writeFile('2.4.0/project-community-edition/composer.json', json({ name: 'magento/project-community-edition', type: 'project', version: '2.4.0', description: 'eCommerce Platform for Growth (Community Edition)', require: { 'magento/product-community-edition': '2.4.0' }, repositories: [{ type: 'composer', url: 'https://repo.magento.com/' }] }));
  repo.commit('official composer.json files');
  return repo;
}

function config(monorepo: FixtureRepo, official: FixtureRepo) {
  return {
    baseUrl: BASE_URL,
    sources: [
      { name: 'official', path: official.dir, packages: [] },
      {
        name: 'magento2',
        path: monorepo.dir,
        packages: [
          { type: 'modules', dir: 'app/code/Magento' },
          { type: 'directory', dir: 'lib/internal/Magento/Framework', exclude: ['Amqp'] },
          { type: 'directory', dir: 'lib/internal/Magento/Framework/Amqp' },
          {
            type: 'directory',
            dir: '',
            exclude: ['app/code', 'lib/internal/Magento/Framework', 'composer.lock', 'app/etc/vendor_path.php', '.gitignore', '.github'],
            emptyDirs: ['app/code/Magento', 'lib/internal/Magento'],
            composerJson: {
              from: { source: 'official', path: '{version}/magento2-base/composer.json' },
              whenDerived: { set: { name: 'magento/magento2-base', type: 'magento2-component' } },
            },
          },
          { type: 'composer-json', name: 'magento/product-community-edition', from: { source: 'official', path: '{version}/product-community-edition/composer.json' }, derive: 'release-metapackage', set: { 'prefer-stable': true } },
          {
            type: 'composer-json',
            name: 'magento/project-community-edition',
            from: { source: 'official', path: '{version}/project-community-edition/composer.json' },
            derive: 'project-template',
            set: { description: 'Community-built eCommerce Platform for Growth', repositories: [{ type: 'composer', url: '{baseUrl}' }] },
            whenDerived: { set: { require: { 'magento/product-community-edition': '{version}' } } },
          },
        ],
        fixes: [{ action: 'include-files', package: 'magento/magento2-base', versions: ['2.4.0'], files: ['.gitignore'], reason: 'the official 2.4.0 archive has it' }],
      },
    ],
  };
}

async function archiveJson(out: string, file: string): Promise<Record<string, unknown>> {
  return JSON.parse((await readZipEntry(join(out, 'packages', file), 'composer.json'))?.toString() ?? 'null') as Record<string, unknown>;
}

describe('Magento packaging rules: composer.json from another source, derived packages, per-version files', () => {
  const monorepo = createMonorepo();
  const official = createOfficialJsonRepo();
  after(() => {
    monorepo.cleanup();
    official.cleanup();
  });

  it('builds modules, framework without its sub-framework, the sub-framework, magento2-base, product and project', async () => {
    const out = tempDir();
    const result = await buildRepo(config(monorepo, official), out);
    assert.deepEqual(result.errors, []);
    const ids = result.actions.map((a) => `${a.package}@${a.version}`).sort();
    assert.deepEqual(ids, [
      'magento/framework-amqp@100.4.0', 'magento/framework@103.0.0', 'magento/magento2-base@2.4.0', 'magento/magento2-base@2.4.1',
      'magento/module-a@100.4.0', 'magento/module-a@100.4.1', 'magento/product-community-edition@2.4.0', 'magento/product-community-edition@2.4.1',
      'magento/project-community-edition@2.4.0', 'magento/project-community-edition@2.4.1',
    ]);
    const framework = (await readZipEntries(join(out, 'packages/magento/framework-103.0.0.zip'))).map((e) => e.name);
    assert.deepEqual(framework, ['App/', 'App/Bootstrap.php', 'composer.json']);
  });

  it('magento2-base takes the official composer.json and the files outside every other package, with the empty directories', async () => {
    const out = tempDir();
    await buildRepo(config(monorepo, official), out);
    const base = await archiveJson(out, 'magento/magento2-base-2.4.0.zip');
    assert.equal(base.description, 'Magento 2 (Open Source)');
    assert.deepEqual(base.extra, { map: [['index.php', 'index.php']] });
    const entries = (await readZipEntries(join(out, 'packages/magento/magento2-base-2.4.0.zip'))).map((e) => `${e.name}${e.isDirectory ? ` ${e.mode.toString(8)}` : ''}`);
    assert.deepEqual(entries, ['.gitignore', 'app/ 775', 'app/code/ 775', 'app/code/Magento/ 755', 'app/etc/ 775', 'app/etc/di.xml', 'composer.json', 'index.php', 'lib/ 775', 'lib/internal/ 775', 'lib/internal/Magento/ 755']);
    const later = (await readZipEntries(join(out, 'packages/magento/magento2-base-2.4.1.zip'))).map((e) => e.name);
    assert.ok(!later.includes('.gitignore'), 'the include-files fix applies to 2.4.0 only');
  });

  it('a release the official source does not cover is derived from the tree and reported', async () => {
    const out = tempDir();
    const result = await buildRepo(config(monorepo, official), out);
    const derived = result.warnings.filter((w) => w.message.includes('derived')).map((w) => `${w.tag} ${w.package}`).sort();
    assert.deepEqual(derived, ['2.4.1 magento/magento2-base', '2.4.1 magento/product-community-edition', '2.4.1 magento/project-community-edition']);
    // What the rules asked for happened: a note, not a warning.
    assert.ok(result.warnings.filter((w) => w.message.includes('derived')).every((w) => w.level === 'info'));
    assert.equal(result.counts.warnings, result.warnings.filter((w) => w.level !== 'info').length + result.unusedFixes.length);
    const base = await archiveJson(out, 'magento/magento2-base-2.4.1.zip');
    assert.equal(base.name, 'magento/magento2-base');
    assert.equal(base.type, 'magento2-component');
    const product = await archiveJson(out, 'magento/product-community-edition-2.4.1.zip');
    assert.deepEqual(product.require, {
      'magento/framework': '103.0.0',
      'magento/framework-amqp': '100.4.0',
      'magento/magento2-base': '2.4.1',
      'magento/module-a': '100.4.1',
      php: '~8.2.0',
    });
    assert.equal(product.type, 'metapackage');
    assert.equal(product['prefer-stable'], true);
    const project = await archiveJson(out, 'magento/project-community-edition-2.4.1.zip');
    assert.deepEqual(project.require, { 'magento/product-community-edition': '2.4.1' });
  });

  it('the official product gets prefer-stable and the project points at this repository', async () => {
    const out = tempDir();
    await buildRepo(config(monorepo, official), out);
    const product = await archiveJson(out, 'magento/product-community-edition-2.4.0.zip');
    assert.deepEqual(product.require, { 'magento/magento2-base': '2.4.0', 'magento/module-a': '100.4.0' });
    assert.equal(product['prefer-stable'], true);
    const project = await archiveJson(out, 'magento/project-community-edition-2.4.0.zip');
    assert.deepEqual(project.repositories, [{ type: 'composer', url: BASE_URL }]);
    assert.equal(project.description, 'Community-built eCommerce Platform for Growth');
    assert.equal(project.version, '2.4.0');
  });

  it('a new official file is picked up by the next build: the derived version becomes drift', async () => {
    const out = tempDir();
    await buildRepo(config(monorepo, official), out);
    official.writeFile('2.4.1/project-community-edition/composer.json', json({ name: 'magento/project-community-edition', type: 'project', version: '2.4.1', require: { 'magento/product-community-edition': '2.4.1' }, extra: { 'magento-force': 'override' } }));
    official.commit('2.4.1 project');
    const result = await buildRepo(config(monorepo, official), out);
    assert.deepEqual(result.drift.map((d) => `${d.package}@${d.version}`), ['magento/project-community-edition@2.4.1']);
  });

  it('replace-files takes a file from another source: replaced in a module, added to the project template', async () => {
    const corrections = createRepo();
    corrections.writeFile('replace/module-a/registration.php', '<?php // corrected\n');
    corrections.writeFile('history/project-2.4.0.gitignore', '/vendor/\n/generated/\n');
    corrections.commit('corrected files');
    const withFixes = config(monorepo, official);
    withFixes.sources.push({ name: 'corrections', path: corrections.dir, packages: [] } as (typeof withFixes.sources)[number]);
    const magento = withFixes.sources.find((s) => s.name === 'magento2') as { fixes: unknown[] };
    magento.fixes.push(
      { action: 'replace-files', package: 'magento/module-a', version: '100.4.1', files: ['registration.php'], fromSource: 'corrections', fromPath: 'replace/module-a/registration.php', reason: 'the official archive has a corrected file' },
      { action: 'replace-files', package: 'magento/project-community-edition', versions: ['2.4.0'], files: ['.gitignore'], fromSource: 'corrections', fromPath: 'history/project-{version}.gitignore', reason: 'the official 2.4.0 project archive has a .gitignore' },
    );
    const out = tempDir();
    const result = await buildRepo(withFixes, out);
    assert.deepEqual(result.errors, []);
    assert.equal((await readZipEntry(join(out, 'packages/magento/module-a-100.4.1.zip'), 'registration.php'))?.toString(), '<?php // corrected\n');
    assert.equal((await readZipEntry(join(out, 'packages/magento/module-a-100.4.0.zip'), 'registration.php'))?.toString(), '<?php // 100.4.0\n');
    const project = (await readZipEntries(join(out, 'packages/magento/project-community-edition-2.4.0.zip'))).map((e) => e.name);
    assert.deepEqual(project, ['.gitignore', 'composer.json']);
    assert.deepEqual((await readZipEntries(join(out, 'packages/magento/project-community-edition-2.4.1.zip'))).map((e) => e.name), ['composer.json']);
    corrections.writeFile('replace/module-a/registration.php', '<?php // corrected again\n');
    corrections.commit('again');
    const again = await buildRepo(withFixes, out);
    assert.deepEqual(again.drift.map((d) => `${d.package}@${d.version}`), ['magento/module-a@100.4.1'], 'a changed file in the other source is seen');
    corrections.cleanup();
  });

  it('a rule that reads from an unknown source is a config error naming it', async () => {
    const broken = config(monorepo, official);
    broken.sources = broken.sources.filter((s) => s.name !== 'official');
    await assert.rejects(buildRepo(broken, tempDir()), (e: Error & { code?: string }) => e.code === 'ERR_CONFIG_INVALID' && /source "official", which is not in the config/.test(e.message));
  });
});
