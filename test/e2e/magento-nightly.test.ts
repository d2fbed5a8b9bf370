import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createBaseComposerJsonRepo } from '../../src/adapters/synthetic/base-composer-json-repo.js';
import { createMagentoMonorepo, type MagentoMonorepo } from '../../src/adapters/synthetic/magento-monorepo.js';
import { readZipEntry } from '../../src/adapters/zip/zip-reader.js';
import type { BuildResult } from '../../src/app/builder/build-result.js';
import { localProfileSources } from '../../src/app/config/local-profile.js';
import { buildRepo, removeTempDirs, tempDir } from '../app/build-helpers.js';
import { FIXTURE_GIT_ENV } from '../support/git-fixture.js';

after(removeTempDirs);

const BASE_URL = 'https://nightly.example.test/';

function git(dir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: { ...process.env, ...FIXTURE_GIT_ENV }, stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();
}

/** A commit on the development branch that changes one file of one module. */
function commitTo(monorepo: MagentoMonorepo, moduleDir: string, message: string): void {
  appendFileSync(join(monorepo.dir, moduleDir, 'registration.php'), `// ${message}\n`);
  git(monorepo.dir, ['add', '--all']);
  git(monorepo.dir, ['commit', '--quiet', '-m', message]);
}

const p2 = (out: string, name: string) => JSON.parse(readFileSync(join(out, `p2/${name}.json`), 'utf8')).packages[name] as Array<Record<string, any>>;

describe('the upstream-nightly profile on a synthetic Magento monorepo', () => {
  let monorepo: MagentoMonorepo;
  let official: string;
  let out: string;
  let first: BuildResult;
  let module: { name: string; dir: string };

  const config = () => ({
    baseUrl: BASE_URL,
    sources: localProfileSources('upstream-nightly', { magento2: monorepo.dir, 'magento2-base-composer-json': official }),
    nightly: { installCheck: false, mustResolve: ['magento/*'], fromUpstream: ['magento/composer-*-plugin'] },
  });

  before(async () => {
    const root = tempDir();
    monorepo = await createMagentoMonorepo({ dir: join(root, 'magento2'), releases: ['2.4.6', '2.4.7'], seed: 7 });
    official = (await createBaseComposerJsonRepo({ dir: join(root, 'official'), monorepo, releases: ['2.4.6'] })).dir;
    git(monorepo.dir, ['checkout', '--quiet', '-b', '2.4-develop']);
    module = monorepo.packages.find((p) => p.type === 'magento2-module') as { name: string; dir: string };
    commitTo(monorepo, module.dir, 'develop: first change');
    out = join(root, 'nightly');
    first = await buildRepo(config(), out, { nightly: { date: '2026-12-07' } });
  });

  it('publishes every package of the branch at the nightly version of its 2.4.7 version, and base, product and project at 2.4.7.1-a20261207', () => {
    assert.deepEqual(first.errors, []);
    assert.equal(first.night?.result, 'published');
    const released = monorepo.versions['2.4.7'] ?? {};
    for (const [name, version] of Object.entries(released)) {
      const night = p2(out, name)[0]?.version as string;
      assert.ok(night.startsWith(`${version.split('-')[0]}.1-a20261207`), `${name}: ${version} -> ${night}`);
    }
    for (const name of ['magento/magento2-base', 'magento/product-community-edition', 'magento/project-community-edition']) assert.equal(p2(out, name)[0]?.version, '2.4.7.1-a20261207', name);
  });

  it('the product pins every package of the night exactly; the project template points at the nightly and allows alpha', async () => {
    const product = p2(out, 'magento/product-community-edition')[0] as Record<string, any>;
    assert.equal(product.require[module.name], p2(out, module.name)[0]?.version);
    assert.equal(product.require['magento/magento2-base'], '2.4.7.1-a20261207');
    const zip = join(out, 'packages/magento/project-community-edition-2.4.7.1-a20261207.zip');
    const project = JSON.parse((await readZipEntry(zip, 'composer.json'))?.toString() ?? '{}');
    assert.equal(project['minimum-stability'], 'alpha');
    assert.deepEqual(project.repositories, [{ type: 'composer', url: BASE_URL }]);
    assert.equal(project.require['magento/product-community-edition'], '2.4.7.1-a20261207');
  });

  it('a second night with one changed module lists only that module as changed and serves both nights', async () => {
    commitTo(monorepo, module.dir, 'develop: second change');
    const second = await buildRepo(config(), out, { nightly: { date: '2026-12-08' } });
    assert.deepEqual(second.errors, []);
    assert.deepEqual(second.night?.changed, [module.name]);
    assert.deepEqual(p2(out, 'magento/product-community-edition').map((v) => v.version), ['2.4.7.1-a20261208', '2.4.7.1-a20261207']);
  });
});
