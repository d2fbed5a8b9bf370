import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startStaticServer } from '../../src/adapters/http/static-server.js';
import { StatusDocument } from '../../src/core/status/status-document.js';
import { buildRepo, removeTempDirs, tempDir } from '../app/build-helpers.js';
import { composer } from '../support/composer.js';
import { createRepo, type FixtureRepo } from '../support/git-fixture.js';
import { libraryJson } from '../support/package-zips.js';

after(removeTempDirs);

/** A library and the project template that requires it, tagged 1.0.0, with a develop branch one commit ahead. */
function projectRepo(baseUrl: string, extraRequire: Record<string, string> = {}): FixtureRepo {
  const repo = createRepo();
  repo.writeFile('lib/composer.json', libraryJson('acme/lib', '1.0.0', { autoload: { 'psr-4': { 'Acme\\Lib\\': 'src/' } } }));
  repo.writeFile('lib/src/Thing.php', '<?php\nnamespace Acme\\Lib;\nclass Thing {}\n');
  const project = (require: Record<string, string>) =>
    `${JSON.stringify({ name: 'acme/project', type: 'project', version: '1.0.0', require, repositories: [{ type: 'composer', url: baseUrl }], 'minimum-stability': 'alpha' }, null, 4)}\n`;
  repo.writeFile('project/composer.json', project({ 'acme/lib': '^1.0' }));
  repo.commit('1.0.0');
  repo.tag('1.0.0');
  repo.git(['checkout', '--quiet', '-b', 'develop']);
  repo.writeFile('lib/src/Thing.php', '<?php\nnamespace Acme\\Lib;\nclass Thing { /* develop */ }\n');
  repo.writeFile('project/composer.json', project({ 'acme/lib': '^1.0', ...extraRequire }));
  repo.commit('develop');
  return repo;
}

const BASE_URL = 'https://nightly.example.test/';
const config = (dir: string) => ({ baseUrl: BASE_URL, sources: [{ path: dir, name: 'acme', branch: 'develop' }] });
const status = (out: string) => StatusDocument.parse(JSON.parse(readFileSync(join(out, 'status.json'), 'utf8')));

describe('the install check of a night (real Composer)', () => {
  it('installs the night\'s project template from the staged night before publishing it, and a user then installs it with --stability alpha', async () => {
    const repo = projectRepo(BASE_URL);
    const out = tempDir();
    const result = await buildRepo(config(repo.dir), out, { nightly: { date: '2026-12-07' } });
    assert.deepEqual(result.errors, []);
    const install = result.night?.checks.find((c) => c.name === 'install');
    assert.equal(install?.result, 'passed', install?.excerpt);
    assert.equal(status(out).served, '2026-12-07');

    // Two nights as a user meets them, served where their archive URLs point: create-project --stability alpha
    // picks the newest night and installs that night's packages together.
    const served = tempDir();
    const server = await startStaticServer({ root: served, host: '127.0.0.1', port: 0 });
    try {
      // Its project template names the URL it is served at, as a real nightly's does.
      const userRepo = projectRepo(server.url);
      const nightly = { ...config(userRepo.dir), baseUrl: server.url };
      await buildRepo(nightly, served, { nightly: { date: '2026-12-07', skipInstallCheck: true } });
      userRepo.writeFile('lib/src/Thing.php', '<?php\nnamespace Acme\\Lib;\nclass Thing { /* night two */ }\n');
      userRepo.commit('develop: night two');
      await buildRepo(nightly, served, { nightly: { date: '2026-12-08', skipInstallCheck: true } });
      const work = tempDir();
      const run = await composer(['create-project', `--repository=${server.url}`, '--stability=alpha', '--no-scripts', '--ignore-platform-reqs', 'acme/project', 'p'], { cwd: work, home: join(work, 'home') });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr + run.stdout, /Installing acme\/project \(1\.0\.0\.1-a20261208\)/);
      const lock = JSON.parse(readFileSync(join(work, 'p', 'composer.lock'), 'utf8')) as { packages: Array<{ name: string; version: string }> };
      assert.deepEqual(lock.packages.map((p) => `${p.name} ${p.version}`), ['acme/lib 1.0.0.1-a20261208']);
      assert.match(readFileSync(join(work, 'p', 'vendor', 'acme', 'lib', 'src', 'Thing.php'), 'utf8'), /night two/);
    } finally {
      await server.close();
    }
    repo.cleanup();
  });

  it('a night whose project template does not install is not published, and the status shows Composer\'s words', async () => {
    const repo = projectRepo(BASE_URL);
    const out = tempDir();
    await buildRepo(config(repo.dir), out, { nightly: { date: '2026-12-07' } });
    repo.writeFile('project/composer.json', `${JSON.stringify({ name: 'acme/project', type: 'project', require: { 'acme/lib': '^1.0', 'other/missing': '^2.0' }, repositories: [{ type: 'composer', url: BASE_URL }], 'minimum-stability': 'alpha' }, null, 4)}\n`);
    repo.commit('develop: requires a package nobody serves');
    const failed = await buildRepo(config(repo.dir), out, { nightly: { date: '2026-12-08' } });
    assert.equal(failed.night?.result, 'failed');
    const install = failed.night?.checks.find((c) => c.name === 'install');
    assert.equal(install?.result, 'failed');
    assert.match(install?.excerpt ?? '', /other\/missing/);
    assert.equal(status(out).served, '2026-12-07');
    assert.equal(JSON.parse(readFileSync(join(out, 'p2', 'acme', 'project.json'), 'utf8')).packages['acme/project'][0].version, '1.0.0.1-a20261207');
    repo.cleanup();
  });
});
