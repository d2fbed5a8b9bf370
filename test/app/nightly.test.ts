import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { MageosError } from '../../src/core/errors.js';
import { StatusDocument } from '../../src/core/status/status-document.js';
import { createModulesRepo, writeMetapackage, writeModule } from '../support/module-repo.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';

after(removeTempDirs);

const p2 = (out: string, name: string) => JSON.parse(readFileSync(join(out, `p2/${name}.json`), 'utf8')).packages[name] as Array<Record<string, any>>;
const status = (out: string) => StatusDocument.parse(JSON.parse(readFileSync(join(out, 'status.json'), 'utf8')));
const zips = (out: string) => (existsSync(join(out, 'packages', 'acme')) ? readdirSync(join(out, 'packages', 'acme')).sort() : []);

/** The modules repository (tags up to 1.1.0) with a develop branch one commit ahead: module-a changed, module-c new. */
function repoWithDevelop() {
  const repo = createModulesRepo();
  repo.git(['checkout', '--quiet', '-b', 'develop']);
  writeModule(repo, 'ModA', 'acme/module-a', '1.0.2-dev', { 'Model/Thing.php': '<?php class Thing { /* develop */ }\n' });
  writeModule(repo, 'ModC', 'acme/module-c', null, {}, { require: { 'acme/module-a': '^1.0' } });
  writeMetapackage(repo, 'acme/bundle', { 'acme/module-a': '1.0.2-dev', 'acme/module-b': '1.1.0', 'acme/module-c': '*' });
  repo.commit('develop: module-c');
  return repo;
}

const nightlyConfig = (dir: string, extra: Record<string, unknown> = {}) => ({ sources: [{ path: dir, name: 'mods', branch: 'develop' }], nightly: { installCheck: false, ...extra } });

describe('nightly builds from a branch', () => {
  it('gives every package its nightly version from its base at the newest tag, and pins requirements between them', async () => {
    const repo = repoWithDevelop();
    const out = tempDir();
    const result = await buildRepo(nightlyConfig(repo.dir), out, { nightly: { date: '2026-12-07' } });
    assert.deepEqual(result.errors, []);
    assert.equal(result.night?.result, 'published');
    assert.deepEqual(result.sources[0]?.releases, ['nightly-2026-12-07']);
    assert.deepEqual(zips(out), ['bundle-1.1.0.1-a20261207.zip', 'module-a-1.0.1.1-a20261207.zip', 'module-b-1.1.0.1-a20261207.zip', 'module-c-0.0.1.1-a20261207.zip']);
    const c = p2(out, 'acme/module-c')[0] as Record<string, any>;
    assert.equal(c.version, '0.0.1.1-a20261207');
    assert.deepEqual(c.require, { 'acme/module-a': '1.0.1.1-a20261207' });
    assert.deepEqual(p2(out, 'acme/bundle')[0]?.require, { 'acme/module-a': '1.0.1.1-a20261207', 'acme/module-b': '1.1.0.1-a20261207', 'acme/module-c': '0.0.1.1-a20261207' });
    const doc = status(out);
    assert.equal(doc.served, '2026-12-07');
    assert.equal(doc.nights[0]?.result, 'published');
    assert.deepEqual(doc.nights[0]?.sources.map((s) => [s.name, s.branch, s.commit.length, s.changes.length > 0]), [['mods', 'develop', 40, true]]);
    assert.deepEqual(doc.nights[0]?.checks.map((c) => `${c.name} ${c.result}`), ['build passed', 'integrity passed', 'install skipped']);
    assert.match(readFileSync(join(out, 'status.html'), 'utf8'), /2026-12-07/);
    assert.match(readFileSync(join(out, 'badge.svg'), 'utf8'), /<svg/);
    assert.match(readFileSync(join(out, 'index.html'), 'utf8'), /<a href="status\.html">nightly status<\/a>/, 'the package list points at the status page');
    repo.cleanup();
  });

  it('a second night with a change adds its versions beside the first; a night with no new commit publishes nothing and says so', async () => {
    const repo = repoWithDevelop();
    const out = tempDir();
    await buildRepo(nightlyConfig(repo.dir), out, { nightly: { date: '2026-12-07' } });
    writeModule(repo, 'ModB', 'acme/module-b', '1.1.1-dev', { 'Api/B.php': '<?php interface B { /* 2 */ }\n' });
    repo.commit('develop: module-b');
    const second = await buildRepo(nightlyConfig(repo.dir), out, { nightly: { date: '2026-12-08' } });
    assert.equal(second.night?.result, 'published');
    assert.deepEqual(second.night?.changed, ['acme/module-b'], 'only what holds something new, not what merely pins a new version');
    assert.deepEqual(p2(out, 'acme/module-b').map((v) => v.version), ['1.1.0.1-a20261208', '1.1.0.1-a20261207'], 'both nights are served, newest first');
    const doc = status(out);
    assert.deepEqual(doc.nights.map((n) => `${n.night} ${n.result}`), ['2026-12-08 published', '2026-12-07 published']);
    assert.deepEqual(doc.nights[0]?.sources[0]?.changes, ['develop: module-b'], 'the commits since the night before');

    const third = await buildRepo(nightlyConfig(repo.dir), out, { nightly: { date: '2026-12-09' } });
    assert.equal(third.night?.result, 'unchanged');
    assert.equal(third.counts.built, 0);
    assert.equal(status(out).nights[0]?.result, 'unchanged');
    assert.equal(status(out).served, '2026-12-08');
    repo.cleanup();
  });

  it('with "versions": "when-changed", a night renews only what changed and what pins it; the rest keeps its version and archive', async () => {
    const repo = repoWithDevelop();
    const out = tempDir();
    await buildRepo(nightlyConfig(repo.dir, { versions: 'when-changed' }), out, { nightly: { date: '2026-12-07' } });
    writeModule(repo, 'ModB', 'acme/module-b', '1.1.1-dev', { 'Api/B.php': '<?php interface B { /* 2 */ }\n' });
    repo.commit('develop: module-b');
    const second = await buildRepo(nightlyConfig(repo.dir, { versions: 'when-changed' }), out, { nightly: { date: '2026-12-08' } });
    assert.deepEqual(second.errors, []);
    assert.equal(second.counts.built, 2, 'module-b and the bundle that pins it');
    assert.deepEqual(p2(out, 'acme/module-a').map((v) => v.version), ['1.0.1.1-a20261207']);
    assert.deepEqual(p2(out, 'acme/module-b').map((v) => v.version), ['1.1.0.1-a20261208', '1.1.0.1-a20261207']);
    assert.deepEqual(p2(out, 'acme/bundle')[0]?.require, { 'acme/module-a': '1.0.1.1-a20261207', 'acme/module-b': '1.1.0.1-a20261208', 'acme/module-c': '0.0.1.1-a20261207' });
    repo.cleanup();
  });

  it('keeps the last N nights in the metadata; older nights leave it and their archives follow after the grace period', async () => {
    const repo = repoWithDevelop();
    const out = tempDir();
    for (const [i, date] of ['2026-12-07', '2026-12-08', '2026-12-09'].entries()) {
      if (i > 0) {
        writeModule(repo, 'ModB', 'acme/module-b', null, { 'Api/B.php': `<?php interface B { /* ${date} */ }\n` });
        repo.commit(`develop ${date}`);
      }
      await buildRepo(nightlyConfig(repo.dir, { retain: 2 }), out, { nightly: { date }, archiveGraceMs: 0 });
    }
    assert.deepEqual(p2(out, 'acme/module-b').map((v) => v.version), ['1.1.0.1-a20261209', '1.1.0.1-a20261208']);
    assert.ok(!zips(out).some((z) => z.includes('20261207')), 'the first night is gone with --prune-archives');
    repo.cleanup();
  });

  it('a night whose packages do not resolve together is not published: the night before stays served, the status says why', async () => {
    const repo = repoWithDevelop();
    const out = tempDir();
    await buildRepo(nightlyConfig(repo.dir), out, { nightly: { date: '2026-12-07' } });
    const before = readFileSync(join(out, 'p2', 'acme', 'module-a.json'), 'utf8');
    // module-c now conflicts with the night: it requires a version of module-b that no night has.
    writeModule(repo, 'ModC', 'acme/module-c', null, {}, { require: { 'acme/module-a': '^1.0' }, 'require-dev': {}, conflict: {} });
    writeModule(repo, 'ModB', 'acme/module-b', null, {}, { replace: { 'acme/module-a': '9.9.9' } });
    writeMetapackage(repo, 'acme/bundle', { 'acme/module-a': '1.0.2-dev', 'acme/module-b': '1.1.0', 'acme/module-c': '*', 'acme/missing-one': '*' });
    repo.commit('develop: a broken requirement');
    const failed = await buildRepo(nightlyConfig(repo.dir, { mustResolve: ['acme/*'] }), out, { nightly: { date: '2026-12-08' } });
    assert.equal(failed.night?.result, 'failed');
    assert.deepEqual(failed.errors.map((e) => e.code), ['ERR_NIGHT_NOT_PUBLISHED']);
    assert.equal(readFileSync(join(out, 'p2', 'acme', 'module-a.json'), 'utf8'), before, 'the metadata still serves the night before');
    assert.ok(!zips(out).some((z) => z.includes('20261208')), 'the failed night\'s archives are taken out');
    const doc = status(out);
    assert.equal(doc.served, '2026-12-07');
    assert.equal(doc.nights[0]?.result, 'failed');
    const integrity = doc.nights[0]?.checks.find((c) => c.name === 'integrity');
    assert.equal(integrity?.result, 'failed');
    assert.match(integrity?.excerpt ?? '', /acme\/bundle 1\.1\.0\.1-a20261208 requires acme\/missing-one/);
    repo.cleanup();
  });

  it('a night that does not build (broken composer.json on the branch) fails, is recorded, and leaves the night before served', async () => {
    const repo = repoWithDevelop();
    const out = tempDir();
    await buildRepo(nightlyConfig(repo.dir), out, { nightly: { date: '2026-12-07' } });
    repo.writeFile('ModA/composer.json', '{ "name": "acme/module-a", ');
    repo.commit('develop: broken');
    await assert.rejects(buildRepo(nightlyConfig(repo.dir), out, { nightly: { date: '2026-12-08' } }), (e: MageosError) => e.code === 'ERR_COMPOSER_JSON_INVALID');
    const doc = status(out);
    assert.deepEqual(doc.nights.map((n) => `${n.night} ${n.result}`), ['2026-12-08 failed', '2026-12-07 published']);
    assert.equal(doc.nights[0]?.error?.code, 'ERR_COMPOSER_JSON_INVALID');
    assert.equal(doc.served, '2026-12-07');
    assert.equal(p2(out, 'acme/module-a')[0]?.version, '1.0.1.1-a20261207');
    repo.cleanup();
  });

  it('status.json follows the JSON Schema the project ships (schemas/status.schema.json), for published, unchanged and failed nights', async () => {
    const repo = repoWithDevelop();
    const out = tempDir();
    await buildRepo(nightlyConfig(repo.dir), out, { nightly: { date: '2026-12-07' } });
    await buildRepo(nightlyConfig(repo.dir), out, { nightly: { date: '2026-12-08' } });
    repo.writeFile('ModA/composer.json', '{ "name": "acme/module-a", ');
    repo.commit('develop: broken');
    await assert.rejects(buildRepo(nightlyConfig(repo.dir), out, { nightly: { date: '2026-12-09' } }));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../schemas/status.schema.json', import.meta.url), 'utf8')));
    const doc = JSON.parse(readFileSync(join(out, 'status.json'), 'utf8'));
    assert.deepEqual(doc.nights.map((n: { result: string }) => n.result), ['failed', 'unchanged', 'published']);
    assert.equal(validate(doc), true, JSON.stringify(validate.errors));
    assert.equal(validate({ ...doc, served: 'yesterday' }), false, 'the schema can fail');
    repo.cleanup();
  });

  it('a night that starts while another build holds the repository stops at once and writes nothing, the status included', async () => {
    const repo = repoWithDevelop();
    const out = tempDir();
    await buildRepo(nightlyConfig(repo.dir), out, { nightly: { date: '2026-12-07' } });
    const before = readFileSync(join(out, 'status.json'), 'utf8');
    writeFileSync(join(out, '.mageos-repo', 'lock'), JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString(), token: 'other' }));
    writeModule(repo, 'ModB', 'acme/module-b', null, { 'Api/B.php': '<?php interface B { /* 3 */ }\n' });
    repo.commit('develop: another change');
    await assert.rejects(buildRepo(nightlyConfig(repo.dir), out, { nightly: { date: '2026-12-08' } }), (e: MageosError) => e.code === 'ERR_LOCKED');
    assert.equal(readFileSync(join(out, 'status.json'), 'utf8'), before);
    repo.cleanup();
  });

  it('a missing branch is an error naming source and branch; tag and branch sources do not mix', async () => {
    const repo = createModulesRepo();
    await assert.rejects(buildRepo(nightlyConfig(repo.dir), tempDir(), { nightly: { date: '2026-12-07' } }), (e: MageosError) => {
      assert.equal(e.code, 'ERR_GIT_REF_NOT_FOUND');
      assert.match(e.message, /source "mods" has no branch "develop"/);
      return true;
    });
    const mixed = { sources: [{ path: repo.dir, name: 'mods', branch: 'main' }, { path: repo.dir, name: 'tags' }] };
    await assert.rejects(buildRepo(mixed, tempDir()), (e: MageosError) => e.code === 'ERR_CONFIG_INVALID' && /source "tags" has no "branch"/.test(e.message));
    repo.cleanup();
  });
});
