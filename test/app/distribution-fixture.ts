import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRepo, type FixtureRepo } from '../support/git-fixture.js';
import { buildRepo, tempDir } from './build-helpers.js';

export const json = (value: unknown) => `${JSON.stringify(value, null, 4)}\n`;

/** A small Magento-like repository: two modules, the base package and the product metapackage, tagged 2.4.7 (and 2.4.8 one commit later). */
export function upstreamSource(): FixtureRepo {
  const repo = createRepo();
  const write = (a: string, b: string, product: string) => {
    repo.writeFile('app/code/A/composer.json', json({ name: 'magento/module-a', version: a, type: 'magento2-module', require: { php: '>=8.1' } }));
    repo.writeFile('app/code/A/Model/A.php', `<?php // a ${a}\n`);
    repo.writeFile('app/code/B/composer.json', json({ name: 'magento/module-b', version: b, type: 'magento2-module', require: { 'magento/module-a': `${a.split('.')[0]}.*` }, suggest: { 'magento/module-a': 'Sample Data version: 100.*' } }));
    repo.writeFile('app/code/B/Model/B.php', `<?php // b ${b}\n`);
    repo.writeFile('base/composer.json', json({ name: 'magento/magento2-base', version: product, type: 'magento2-component', require: { 'magento/module-a': a } }));
    repo.writeFile('base/index.php', '<?php // base\n');
    repo.writeFile('product/composer.json', json({ name: 'magento/product-community-edition', version: product, type: 'metapackage', require: { 'magento/module-a': a, 'magento/module-b': b, 'magento/magento2-base': product } }));
  };
  write('100.0.1', '100.0.2', '2.4.7');
  repo.commit('2.4.7');
  repo.tag('2.4.7');
  write('100.0.3', '100.0.2', '2.4.8');
  repo.commit('2.4.8');
  repo.tag('2.4.8');
  return repo;
}

export const p2 = (out: string, name: string) => JSON.parse(readFileSync(join(out, `p2/${name}.json`), 'utf8')).packages[name] as Array<Record<string, any>>;

export async function setUp() {
  const repo = upstreamSource();
  const upstream = tempDir();
  const built = await buildRepo({ sources: [{ path: repo.dir, name: 'magento2' }] }, upstream);
  assert.deepEqual(built.errors, []);
  return { repo, upstream };
}

export const distribution = (repo: string, upstream: string, extra: Record<string, unknown> = {}, ref = '2.4.7') => ({
  sources: [{ path: repo, name: 'mageos-magento2', ref }],
  distribution: { vendor: 'acme', upstream: { repository: upstream, version: '2.4.7' }, ...extra },
});
