import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveConfig } from '../../src/app/config/resolve-config.js';
import { DEFAULT_BASE_URL } from '../../src/core/config/defaults.js';
import { parseConfig } from '../../src/core/config/parse-config.js';
import { MageosError } from '../../src/core/errors.js';
import { composerTime } from '../../src/core/metadata/version-entry.js';
import { createRepo, FIXTURE_START_TIME } from '../support/git-fixture.js';
import { createModulesRepo, moduleJson } from '../support/module-repo.js';
import { fileSha1, libraryJson, writeZip } from '../support/package-zips.js';
import { archiveTimes } from '../support/repository-files.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';

after(removeTempDirs);

const reason = 'official zips of bundled extensions';
const p2 = (out: string, name: string) => JSON.parse(readFileSync(join(out, `p2/${name}.json`), 'utf8')).packages[name] as Array<Record<string, any>>;
const state = (out: string) => JSON.parse(readFileSync(join(out, '.mageos-repo/state.json'), 'utf8'));

/** A directory of ready-made zips in the shapes met in practice. */
async function zipDirectory(): Promise<string> {
  const dir = tempDir();
  const php = (cls: string) => `<?php\nnamespace Acme;\nclass ${cls} {}\n`;
  await writeZip(join(dir, 'acme-widget-1.0.0.zip'), {
    'composer.json': libraryJson('acme/widget', '1.0.0', { time: '2020-01-02 03:04:05', autoload: { 'psr-4': { 'Acme\\': 'src/' } } }),
    'src/Widget.php': php('Widget'),
  });
  // The file names of resource/additional-packages: "<vendor>-<name>-<normalized version>.zip".
  await writeZip(join(dir, 'acme-widget-1.1.0.0-patch1.zip'), { 'composer.json': libraryJson('acme/widget', null), 'src/Widget.php': php('Widget2') });
  await writeZip(join(dir, 'acme-nested-2.0.0.zip'), { 'nested/': '', 'nested/composer.json': libraryJson('acme/nested', '2.0.0'), 'nested/src/N.php': php('N') });
  // A GitHub download: everything inside "<repository>-<branch>/", the file name carries no version.
  await writeZip(join(dir, 'gh-main.zip'), { 'gh-main/': '', 'gh-main/composer.json': libraryJson('acme/gh', '3.0.0'), 'gh-main/README.md': 'gh\n' });
  await writeZip(join(dir, 'acme-suite-1.0.0.zip'), {
    'composer.json': `${JSON.stringify({ name: 'acme/suite', type: 'metapackage', version: '1.0.0', require: { 'acme/widget': '^1.0' } }, null, 4)}\n`,
  });
  writeFileSync(join(dir, 'README.md'), 'zips only\n');
  return dir;
}

describe('archive sources: a directory of zips', () => {
  let zips: string;
  let out: string;
  let result: Awaited<ReturnType<typeof buildRepo>>;
  let config: unknown;

  before(async () => {
    const repo = createModulesRepo();
    zips = await zipDirectory();
    out = tempDir();
    config = { sources: [{ path: repo.dir }], archives: [{ path: zips, reason }] };
    result = await buildRepo(config, out);
  });

  it('serves every zip byte for byte as packages/<vendor>/<name>-<version>.zip', () => {
    assert.deepEqual(result.errors, []);
    const served = {
      'acme-widget-1.0.0.zip': 'packages/acme/widget-1.0.0.zip',
      'acme-widget-1.1.0.0-patch1.zip': 'packages/acme/widget-1.1.0.0-patch1.zip',
      'acme-nested-2.0.0.zip': 'packages/acme/nested-2.0.0.zip',
      'gh-main.zip': 'packages/acme/gh-3.0.0.zip',
      'acme-suite-1.0.0.zip': 'packages/acme/suite-1.0.0.zip',
    };
    for (const [input, output] of Object.entries(served)) assert.equal(fileSha1(join(out, output)), fileSha1(join(zips, input)), output);
    assert.equal(state(out).artifacts['acme/widget@1.0.0'].origin, 'archive');
    assert.equal(state(out).artifacts['acme/module-a@1.0.0'].origin, undefined, 'built from git');
  });

  it('lists them in the metadata with the sha1 of the served file and its dist URL', () => {
    const [newest, older] = p2(out, 'acme/widget');
    assert.equal(newest?.version, '1.1.0.0-patch1', 'the version from the file name, as composer.json has none');
    assert.equal(older?.version, '1.0.0');
    assert.deepEqual(older?.dist, {
      type: 'zip',
      url: `${DEFAULT_BASE_URL}packages/acme/widget-1.0.0.zip`,
      reference: fileSha1(join(zips, 'acme-widget-1.0.0.zip')),
      shasum: fileSha1(join(zips, 'acme-widget-1.0.0.zip')),
    });
    const root = JSON.parse(readFileSync(join(out, 'packages.json'), 'utf8'));
    for (const name of ['acme/gh', 'acme/nested', 'acme/suite', 'acme/widget']) assert.ok(root['available-packages'].includes(name), name);
    assert.match(readFileSync(join(out, 'index.html'), 'utf8'), /acme\/nested/);
  });

  it('reads composer.json from a single top-level directory, as in GitHub downloads', () => {
    assert.equal(p2(out, 'acme/nested')[0]?.version, '2.0.0');
    assert.equal(p2(out, 'acme/gh')[0]?.version, '3.0.0');
  });

  it('serves the time of the zip\'s composer.json as it is, and no time when it has none (a directory has no commit)', () => {
    const [, older] = p2(out, 'acme/widget');
    assert.equal(older?.time, '2020-01-02 03:04:05');
    assert.equal(p2(out, 'acme/nested')[0]?.time, undefined);
  });

  it('keeps the dist of a metapackage zip', () => {
    assert.equal(p2(out, 'acme/suite')[0]?.dist?.shasum, fileSha1(join(zips, 'acme-suite-1.0.0.zip')));
  });

  it('a second build writes nothing, even when a zip\'s mtime changed', async () => {
    const times = archiveTimes(out);
    utimesSync(join(zips, 'acme-widget-1.0.0.zip'), new Date(), new Date(2000, 1, 1));
    const again = await buildRepo(config, out);
    assert.equal(again.upToDate, true);
    assert.deepEqual(archiveTimes(out), times);
  });

  it('a new zip is copied and nothing else', async () => {
    await writeZip(join(zips, 'acme-widget-1.2.0.zip'), { 'composer.json': libraryJson('acme/widget', '1.2.0') });
    const times = archiveTimes(out);
    const next = await buildRepo(config, out);
    assert.equal(next.upToDate, false);
    assert.equal(next.counts.built, 1);
    assert.deepEqual(next.actions.filter((a) => a.action !== 'reuse').map((a) => `${a.package}@${a.version}:${a.action}`), ['acme/widget@1.2.0:build']);
    const after = archiveTimes(out);
    delete after['packages/acme/widget-1.2.0.zip'];
    assert.deepEqual(after, times);
  });
});

describe('archive sources: precedence over git', () => {
  const officialModuleA = (dir: string) =>
    writeZip(join(dir, 'acme-module-a-1.0.0.zip'), { 'composer.json': moduleJson('acme/module-a', '1.0.0'), 'registration.php': '<?php\n// official\n' });

  it('an archive wins over the same package version built from git, and the build says so', async () => {
    const repo = createModulesRepo();
    const zips = tempDir();
    await officialModuleA(zips);
    const out = tempDir();
    const result = await buildRepo({ sources: [{ path: repo.dir, name: 'modules' }], archives: [{ path: zips, name: 'official', reason }] }, out);
    assert.deepEqual(result.errors, []);
    assert.equal(fileSha1(join(out, 'packages/acme/module-a-1.0.0.zip')), fileSha1(join(zips, 'acme-module-a-1.0.0.zip')));
    const warning = result.warnings.find((w) => w.package === 'acme/module-a@1.0.0');
    assert.equal(warning?.source, 'official');
    assert.equal(warning?.message, 'served from this archive; the build from source "modules" at 1.0.0 is not used');
    assert.equal(state(out).artifacts['acme/module-a@1.0.1'].origin, undefined, 'other versions are still built from git');
  });

  it('an archive for a version already published from git is drift until republished', async () => {
    const repo = createModulesRepo();
    const zips = tempDir();
    const out = tempDir();
    await buildRepo({ sources: [{ path: repo.dir }] }, out);
    const built = fileSha1(join(out, 'packages/acme/module-a-1.0.0.zip'));
    await officialModuleA(zips);
    const config = { sources: [{ path: repo.dir }], archives: [{ path: zips, reason }] };
    const drift = await buildRepo(config, out);
    assert.equal(drift.drift.length, 1);
    assert.deepEqual(drift.drift[0]?.changed, ['composer.json', 'registration.php'], 'the official zip keeps upstream\'s composer.json formatting');
    assert.equal(fileSha1(join(out, 'packages/acme/module-a-1.0.0.zip')), built, 'the published archive is kept');
    const republished = await buildRepo(config, out, { republish: ['acme/module-a@1.0.0'] });
    assert.deepEqual(republished.drift, []);
    assert.equal(fileSha1(join(out, 'packages/acme/module-a-1.0.0.zip')), fileSha1(join(zips, 'acme-module-a-1.0.0.zip')));
  });

  it('the same version in two zips is served once when they are equal, and an error naming both when not', async () => {
    const repo = createModulesRepo();
    const zips = tempDir();
    await writeZip(join(zips, 'acme-widget-1.0.0.zip'), { 'composer.json': libraryJson('acme/widget', '1.0.0') });
    await writeZip(join(zips, 'acme-widget-1.0.0.0.zip'), { 'composer.json': libraryJson('acme/widget', '1.0.0') });
    const ok = await buildRepo({ sources: [{ path: repo.dir }], archives: [{ path: zips, reason }] }, tempDir());
    assert.deepEqual(ok.errors, []);
    await writeZip(join(zips, 'acme-widget-1.0.0-other.zip'), { 'composer.json': libraryJson('acme/widget', '1.0.0'), 'extra.txt': 'x' });
    await assert.rejects(buildRepo({ sources: [{ path: repo.dir }], archives: [{ path: zips, reason }] }, tempDir()), (error: unknown) => {
      assert.ok(error instanceof MageosError);
      assert.equal(error.code, 'ERR_PACKAGE_INVALID');
      assert.match(error.message, /acme\/widget 1\.0\.0 is in two different archives: acme-widget-1\.0\.0-other\.zip .* and acme-widget-1\.0\.0\.0\.zip/);
      return true;
    });
  });
});

describe('archive sources: a git repository of zips', () => {
  const gitPath = 'resource/additional-packages';

  async function zipRepo() {
    const repo = createRepo();
    await writeZip(join(repo.dir, gitPath, 'acme-widget-1.0.0.zip'), { 'composer.json': libraryJson('acme/widget', '1.0.0'), 'src/W.php': '<?php\n' });
    await writeZip(join(repo.dir, gitPath, 'acme-widget-1.0.1.zip'), { 'composer.json': libraryJson('acme/widget', '1.0.1'), 'src/W.php': '<?php\n// 1.0.1\n' });
    await writeZip(join(repo.dir, 'elsewhere.zip'), { 'composer.json': libraryJson('acme/elsewhere', '1.0.0') });
    repo.writeFile(`${gitPath}/README.md`, 'zips\n');
    repo.commit('zips');
    return repo;
  }

  it('reads the zips directly under gitPath at the ref; their time is the commit time of the ref', async () => {
    const repo = await zipRepo();
    const modules = createModulesRepo();
    const out = tempDir();
    const result = await buildRepo({ sources: [{ path: modules.dir }], archives: [{ path: repo.dir, ref: 'main', gitPath, include: ['*-1.0.0.zip'], reason }] }, out);
    assert.deepEqual(result.errors, []);
    assert.equal(fileSha1(join(out, 'packages/acme/widget-1.0.0.zip')), fileSha1(join(repo.dir, gitPath, 'acme-widget-1.0.0.zip')));
    assert.equal(existsSync(join(out, 'packages/acme/widget-1.0.1.zip')), false, 'left out by include');
    assert.equal(existsSync(join(out, 'packages/acme/elsewhere-1.0.0.zip')), false, 'not under gitPath');
    assert.equal(p2(out, 'acme/widget')[0]?.time, composerTime(FIXTURE_START_TIME + 60));
  });

  it('a url is cloned into the cache and read at the default branch; commits that leave the zips alone change nothing', async () => {
    const repo = await zipRepo();
    const modules = createModulesRepo();
    const out = tempDir();
    const config = { sources: [{ path: modules.dir }], archives: [{ url: `file://${repo.dir}`, gitPath, reason }] };
    const first = await buildRepo(config, out);
    assert.deepEqual(first.errors, []);
    assert.deepEqual(p2(out, 'acme/widget').map((v) => v.version), ['1.0.1', '1.0.0']);
    repo.writeFile('unrelated.txt', 'x\n');
    repo.commit('unrelated');
    assert.equal((await buildRepo(config, out)).upToDate, true);
    await writeZip(join(repo.dir, gitPath, 'acme-widget-1.1.0.zip'), { 'composer.json': libraryJson('acme/widget', '1.1.0') });
    repo.commit('1.1.0');
    const third = await buildRepo(config, out);
    assert.equal(third.counts.built, 1);
    assert.deepEqual(p2(out, 'acme/widget').map((v) => v.version), ['1.1.0', '1.0.1', '1.0.0']);
    const offline = await buildRepo(config, out, { offline: true });
    assert.equal(offline.upToDate, true, 'offline, the cache clone is read at the same branch');
    // The url is gone: the build stops, unless --keep-going reads the cache clone as it stands.
    rmSync(repo.dir, { recursive: true, force: true });
    await assert.rejects(buildRepo(config, out), (e: MageosError) => e.code === 'ERR_SOURCE' && /could not fetch/.test(e.message));
    const stale = await buildRepo(config, out, { keepGoing: true });
    assert.equal(stale.errors.length, 1);
    assert.match(stale.errors[0]?.message ?? '', /could not fetch/);
    assert.ok(stale.warnings.some((w) => w.source === 'additional-packages' && /cache clone/.test(w.message)), JSON.stringify(stale.warnings));
    assert.deepEqual(p2(out, 'acme/widget').map((v) => v.version), ['1.1.0', '1.0.1', '1.0.0'], 'its archives stay published');
  });
});

describe('archive sources: errors', () => {
  async function failure(zips: Record<string, Record<string, string> | Buffer>): Promise<MageosError> {
    const repo = createModulesRepo();
    const dir = tempDir();
    for (const [name, content] of Object.entries(zips)) {
      if (Buffer.isBuffer(content)) writeFileSync(join(dir, name), content);
      else await writeZip(join(dir, name), content);
    }
    try {
      await buildRepo({ sources: [{ path: repo.dir }], archives: [{ path: dir, reason }] }, tempDir());
    } catch (error) {
      assert.ok(error instanceof MageosError);
      return error;
    }
    assert.fail('expected the build to fail');
  }

  it('a zip without composer.json is an error naming the file', async () => {
    const error = await failure({ 'acme-empty-1.0.0.zip': { 'a/README.md': 'x', 'b/README.md': 'y' } });
    assert.equal(error.code, 'ERR_PACKAGE_INVALID');
    assert.equal(error.exitCode, 4);
    assert.match(error.message, /^acme-empty-1\.0\.0\.zip at .* has no composer\.json, neither at its root nor in a single top-level directory$/);
  });

  it('a composer.json that is not JSON, or has no name, is an error naming the file', async () => {
    const broken = await failure({ 'acme-broken-1.0.0.zip': { 'composer.json': '{ "name": ' } });
    assert.equal(broken.code, 'ERR_COMPOSER_JSON_INVALID');
    assert.match(broken.message, /^composer\.json of acme-broken-1\.0\.0\.zip at .* is not valid JSON/);
    const nameless = await failure({ 'acme-nameless-1.0.0.zip': { 'composer.json': '{ "version": "1.0.0" }' } });
    assert.equal(nameless.code, 'ERR_PACKAGE_INVALID');
    assert.match(nameless.message, /composer\.json of acme-nameless-1\.0\.0\.zip .* has no "name"/);
  });

  it('a composer.json without version in a file whose name carries none is an error naming the file', async () => {
    const error = await failure({ 'widget-latest.zip': { 'composer.json': libraryJson('acme/widget', null) } });
    assert.equal(error.code, 'ERR_PACKAGE_INVALID');
    assert.match(error.message, /has no "version", and the file name widget-latest\.zip carries none/);
  });

  it('a file that is not a zip is an error naming it', async () => {
    const error = await failure({ 'acme-junk-1.0.0.zip': Buffer.from('not a zip at all, just text') });
    assert.equal(error.code, 'ERR_ARCHIVE_ENTRY_INVALID');
    assert.match(error.message, /^acme-junk-1\.0\.0\.zip at .* is not a valid zip archive/);
    assert.match(error.hint ?? '', /official zip/);
  });

  it('a directory without zips is an error', async () => {
    const error = await failure({});
    assert.equal(error.code, 'ERR_SOURCE');
    assert.match(error.message, /holds no zip files/);
  });

  it('an archive source needs exactly one of path and url, and gitPath only with a git repository; problems name their JSON path', () => {
    try {
      parseConfig({ sources: [{ path: '/repo' }], archives: [{ path: 'zips', url: 'https://example.com/z.git', reason }, { path: 'zips', gitPath: 'sub', reason }, { path: 'zips' }] }, 'test.json');
      assert.fail('expected the config to be refused');
    } catch (error) {
      assert.ok(error instanceof MageosError);
      assert.equal(error.code, 'ERR_CONFIG_INVALID');
      const problems = error.details as Array<{ path: string; message: string }>;
      assert.match(problems.find((p) => p.path === '$.archives[0]')?.message ?? '', /exactly one of "url" or "path"/);
      assert.match(problems.find((p) => p.path === '$.archives[1]')?.message ?? '', /"gitPath" is a directory inside a git repository/);
      assert.ok(problems.some((p) => p.path === '$.archives[2].reason'));
    }
  });

  it('a relative path is relative to the config file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'repo.json'), JSON.stringify({ sources: [{ path: 'src' }], archives: [{ path: 'zips', reason }] }));
    const config = await resolveConfig({ configFile: join(dir, 'repo.json'), cwd: '/' });
    assert.equal(config.archives?.[0]?.path, join(dir, 'zips'));
  });
});
