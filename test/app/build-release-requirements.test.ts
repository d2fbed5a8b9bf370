import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createRepo } from '../support/git-fixture.js';
import { writeModule } from '../support/module-repo.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';

after(removeTempDirs);

/** A two-library repository whose 2.0.0 tag holds alpha 2.0.0 while beta 2.0.0 still requires alpha ^1.1. */
function libraries() {
  const repo = createRepo();
  writeModule(repo, 'alpha', 'acme/alpha', '1.1.0');
  writeModule(repo, 'beta', 'acme/beta', '1.1.0', {}, { require: { 'acme/alpha': '^1.1' } });
  repo.commit('1.1.0');
  repo.tag('1.1.0');
  writeModule(repo, 'alpha', 'acme/alpha', '2.0.0');
  writeModule(repo, 'beta', 'acme/beta', '2.0.0', {}, { require: { 'acme/alpha': '^1.1' } });
  repo.commit('2.0.0');
  repo.tag('2.0.0');
  return repo;
}

describe('requirements between the packages of one release (default rules)', () => {
  it('a requirement only an earlier version meets is a warning: the release is built', async () => {
    const repo = libraries();
    const out = tempDir();
    const result = await buildRepo({ sources: [{ name: 'libs', path: repo.dir }] }, out);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.warnings.map((w) => `${w.tag} ${w.path}: ${w.message}`),
      ['2.0.0 beta/composer.json: acme/beta requires acme/alpha "^1.1", but the release holds acme/alpha 2.0.0; it installs with the earlier acme/alpha 1.1.0'],
    );
    assert.deepEqual(readdirSync(join(out, 'packages', 'acme')).sort(), ['alpha-1.1.0.zip', 'alpha-2.0.0.zip', 'beta-1.1.0.zip', 'beta-2.0.0.zip']);
    repo.cleanup();
  });

  it('with no version that meets it, the release is still refused', async () => {
    const repo = createRepo();
    writeModule(repo, 'alpha', 'acme/alpha', '2.0.0');
    writeModule(repo, 'beta', 'acme/beta', '2.0.0', {}, { require: { 'acme/alpha': '^1.1' } });
    repo.commit('2.0.0');
    repo.tag('2.0.0');
    await assert.rejects(buildRepo({ sources: [{ name: 'libs', path: repo.dir }] }, tempDir()), /beta\/composer\.json at 2\.0\.0 of source "libs": acme\/beta requires acme\/alpha "\^1\.1", but the release holds acme\/alpha 2\.0\.0/);
    repo.cleanup();
  });
});
