import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openRepository } from '../../../src/adapters/composer-repository/open-repository.js';
import type { ComposerRepository } from '../../../src/adapters/composer-repository/repository.js';
import { isMageosError } from '../../../src/core/errors.js';
import { removeTempDirs, tempDir } from '../../app/build-helpers.js';
import { builtModulesRepository, copyRepository } from '../../support/verify-fixtures.js';

after(removeTempDirs);

const open = (location: string) => openRepository(location, { cacheDir: join(tempDir(), 'cache') });

async function listing(repository: ComposerRepository): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const name of await repository.packageNames()) out[name] = ((await repository.versions(name))?.versions ?? []).map((v) => `${v.version}${v.dist ? '' : ' (no dist)'}`);
  return out;
}

const EXPECTED = {
  'acme/bundle': ['1.1.0 (no dist)', '1.0.1 (no dist)', '1.0.0 (no dist)'],
  'acme/module-a': ['1.0.1', '1.0.0'],
  'acme/module-b': ['1.1.0', '1.0.0'],
};

describe('openRepository', async () => {
  const clean = await builtModulesRepository();

  it('reads a Composer 2 repository directory: available-packages and the minified p2 files, expanded', async () => {
    const repository = await open(clean);
    assert.deepEqual(await listing(repository), EXPECTED);
    const [latest] = (await repository.versions('acme/module-a'))?.versions ?? [];
    assert.equal(latest?.versionNormalized, '1.0.1.0');
    assert.equal(latest?.metadata.description, 'The acme/module-a module', 'keys left out by minification are carried over');
    assert.equal(latest?.dist?.shasum.length, 40);
    const archive = await repository.archive(latest!.dist!);
    assert.equal('archive' in archive && archive.archive.file, join(clean, 'packages/acme/module-a-1.0.1.zip'));
  });

  it('adds the branch versions of the ~dev file', async () => {
    const repo = copyRepository(clean);
    const dev = { name: 'acme/module-a', version: 'dev-main', version_normalized: 'dev-main', type: 'magento2-module' };
    writeFileSync(join(repo, 'p2/acme/module-a~dev.json'), JSON.stringify({ minified: 'composer/2.0', packages: { 'acme/module-a': [dev] } }));
    assert.deepEqual((await listing(await open(repo)))['acme/module-a'], ['1.0.1', '1.0.0', 'dev-main (no dist)']);
  });

  it('falls back to Composer 1 data: provider-includes and providers-url when packages.json has no metadata-url', async () => {
    const repo = copyRepository(clean);
    const root = JSON.parse(readFileSync(join(repo, 'packages.json'), 'utf8'));
    delete root['metadata-url'];
    delete root['available-packages'];
    writeFileSync(join(repo, 'packages.json'), JSON.stringify(root));
    assert.deepEqual(await listing(await open(repo)), EXPECTED);
  });

  it('reads Satis-style includes and inline packages', async () => {
    const repo = copyRepository(clean);
    const source = await open(clean);
    const packages: Record<string, Record<string, unknown>> = {};
    for (const name of ['acme/module-a', 'acme/module-b']) packages[name] = Object.fromEntries(((await source.versions(name))?.versions ?? []).map((v) => [v.version, v.metadata]));
    const bundle = Object.fromEntries(((await source.versions('acme/bundle'))?.versions ?? []).map((v) => [v.version, v.metadata]));
    writeFileSync(join(repo, 'include-all.json'), JSON.stringify({ packages }));
    writeFileSync(join(repo, 'packages.json'), JSON.stringify({ packages: { 'acme/bundle': bundle }, includes: { 'include-all.json': { sha1: 'x' } } }));
    assert.deepEqual(await listing(await open(repo)), EXPECTED);
  });

  it('reads a plain directory of archives by their composer.json; the metadata of each version is that composer.json', async () => {
    const repository = await open(join(clean, 'packages'));
    assert.equal(repository.kind, 'archives');
    const listed = await listing(repository);
    assert.deepEqual(Object.keys(listed), ['acme/bundle', 'acme/module-a', 'acme/module-b']);
    assert.deepEqual(listed['acme/module-a']?.sort(), ['1.0.0', '1.0.1']);
  });

  it('a path that is neither a repository nor a directory of archives cannot be read (exit 9)', async () => {
    for (const location of [join(clean, 'nope'), join(clean, 'p2')]) {
      await assert.rejects(open(location), (error) => isMageosError(error) && error.code === 'ERR_REPOSITORY_UNREADABLE' && error.exitCode === 9);
    }
  });
});
