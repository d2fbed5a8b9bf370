import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startStaticServer } from '../../src/adapters/http/static-server.js';
import { createBaseComposerJsonRepo } from '../../src/adapters/synthetic/base-composer-json-repo.js';
import { createMagentoMonorepo, type MagentoMonorepo } from '../../src/adapters/synthetic/magento-monorepo.js';
import { createSyntheticSource } from '../../src/adapters/synthetic/synthetic-source.js';
import { readZipEntries, readZipEntry } from '../../src/adapters/zip/zip-reader.js';
import type { BuildResult } from '../../src/app/builder/build-result.js';
import { localProfileSources } from '../../src/app/config/local-profile.js';
import { buildRepo, removeTempDirs, tempDir } from '../app/build-helpers.js';
import { composer } from '../support/composer.js';

after(removeTempDirs);

const RELEASES = ['2.4.6', '2.4.6-p1', '2.4.7'];
const OFFICIAL = ['2.4.6', '2.4.6-p1'];

/** The magento2 part of the built-in mirror profile, pointed at local synthetic repositories instead of GitHub. */
function mirrorConfig(monorepo: string, official: string, generatorFiles: string, baseUrl: string): unknown {
  return { baseUrl, sources: localProfileSources('mirror', { 'magento2-base-composer-json': official, 'mirror-generator-files': generatorFiles, magento2: monorepo }) };
}

const sha1 = (file: string) => createHash('sha1').update(readFileSync(file)).digest('hex');

describe('the mirror profile on a synthetic Magento monorepo', () => {
  let monorepo: MagentoMonorepo;
  let out: string;
  let server: Awaited<ReturnType<typeof startStaticServer>>;
  let result: BuildResult;

  before(async () => {
    const root = tempDir();
    monorepo = await createMagentoMonorepo({ dir: join(root, 'magento2'), releases: RELEASES, seed: 5 });
    const official = await createBaseComposerJsonRepo({ dir: join(root, 'official'), monorepo, releases: OFFICIAL });
    const generatorFiles = await createSyntheticSource({ dir: join(root, 'generator-files'), layout: 'root-package', tags: ['1.0.0'], filesPerPackage: 1 });
    out = join(root, 'mirror');
    mkdirSync(out);
    server = await startStaticServer({ root: out, port: 0, prefix: '/mirror/', log: () => {} });
    result = await buildRepo(mirrorConfig(monorepo.dir, official.dir, generatorFiles.dir, server.url), out);
  });
  after(() => server?.close());

  it('builds every package of every release once, with the version from its own composer.json', () => {
    assert.deepEqual(result.errors, []);
    const built = new Set(result.actions.map((a) => `${a.package}@${a.version}`));
    for (const tag of RELEASES) {
      for (const [name, version] of Object.entries(monorepo.versions[tag] ?? {})) assert.ok(built.has(`${name}@${version}`), `${name}@${version} of ${tag}`);
      for (const name of ['magento/magento2-base', 'magento/product-community-edition', 'magento/project-community-edition']) assert.ok(built.has(`${name}@${tag}`), `${name}@${tag}`);
    }
    const distinct = new Set(RELEASES.flatMap((t) => Object.entries(monorepo.versions[t] ?? {}).map(([n, v]) => `${n}@${v}`)));
    assert.equal(result.actions.length, distinct.size + 3 * RELEASES.length, 'a package version that did not change is built once');
  });

  it('says which versions were derived because the official composer.json repository does not cover them', () => {
    const derived = result.warnings.filter((w) => w.message.startsWith('derived')).map((w) => `${w.tag} ${w.package}`).sort();
    assert.deepEqual(derived, ['2.4.7 magento/magento2-base', '2.4.7 magento/product-community-edition', '2.4.7 magento/project-community-edition']);
  });

  it('magento/framework leaves out its sub-frameworks, which are packages of their own', async () => {
    const version = monorepo.versions['2.4.7']?.['magento/framework'] ?? '';
    const names = (await readZipEntries(join(out, `packages/magento/framework-${version}.zip`))).map((e) => e.name);
    assert.ok(names.includes('composer.json'));
    for (const sub of ['Amqp/', 'Bulk/', 'MessageQueue/', 'Stomp/']) assert.ok(!names.some((n) => n.startsWith(sub)), sub);
    assert.ok(existsSync(join(out, `packages/magento/framework-amqp-${monorepo.versions['2.4.7']?.['magento/framework-amqp']}.zip`)));
  });

  it('magento/magento2-base holds the root files minus the packaged trees, with the empty directories the installer expects', async () => {
    const names = (await readZipEntries(join(out, 'packages/magento/magento2-base-2.4.6.zip'))).map((e) => e.name);
    for (const dir of ['app/code/Magento/', 'app/design/frontend/Magento/', 'app/design/adminhtml/Magento/', 'app/i18n/Magento/', 'lib/internal/Magento/']) assert.ok(names.includes(dir), dir);
    assert.ok(names.includes('index.php') && names.includes('bin/magento'));
    for (const left of ['composer.lock', 'app/etc/vendor_path.php', '.github/workflows/ci.yml', 'dev/tests/static/testsuite/Magento/Test/Legacy/FilesystemTest.php']) assert.ok(!names.includes(left), left);
    assert.ok(!names.some((n) => n.startsWith('app/code/Magento/') && n !== 'app/code/Magento/'));
    assert.ok(!names.some((n) => n.startsWith('lib/internal/Magento/Framework')));
    const json = JSON.parse((await readZipEntry(join(out, 'packages/magento/magento2-base-2.4.6.zip'), 'composer.json'))?.toString() ?? '{}');
    assert.equal(json.name, 'magento/magento2-base');
    assert.ok(Array.isArray(json.extra?.map), 'the official composer.json with its extra.map');
  });

  it('the project template points at this mirror, and composer create-project installs Magento from it', async () => {
    const project = JSON.parse((await readZipEntry(join(out, 'packages/magento/project-community-edition-2.4.6-p1.zip'), 'composer.json'))?.toString() ?? '{}');
    assert.deepEqual(project.repositories, [{ type: 'composer', url: server.url }]);
    const work = tempDir();
    const run = await composer(['create-project', `--repository-url=${server.url}`, 'magento/project-community-edition', 'shop', '2.4.6-p1', '--ignore-platform-reqs', '--no-plugins', '--no-scripts'], { cwd: work, home: join(work, 'home') });
    assert.equal(run.code, 0, run.stderr);
    const shop = join(work, 'shop');
    const lock = JSON.parse(readFileSync(join(shop, 'composer.lock'), 'utf8')) as { packages: Array<{ name: string; version: string; dist?: { url: string; shasum: string } }> };
    const locked = new Map(lock.packages.map((p) => [p.name, p]));
    assert.equal(locked.get('magento/product-community-edition')?.version, '2.4.6-p1');
    for (const [name, version] of Object.entries(monorepo.versions['2.4.6-p1'] ?? {})) {
      const p = locked.get(name);
      assert.equal(p?.version, version, name);
      assert.equal(p?.dist?.shasum, sha1(join(out, `packages/${name}-${version}.zip`)), `${name} shasum`);
    }
    assert.ok(existsSync(join(shop, 'vendor/magento/magento2-base/index.php')));
    assert.ok(existsSync(join(shop, 'vendor/magento/framework/composer.json')));
  });
});
