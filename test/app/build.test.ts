import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readZipEntries, readZipEntry } from '../../src/adapters/zip/zip-reader.js';
import { MageosError } from '../../src/core/errors.js';
import { archiveTimes, snapshotFiles } from '../support/repository-files.js';
import { createRepo } from '../support/git-fixture.js';
import { createModulesRepo, moduleJson, writeMetapackage, writeModule } from '../support/module-repo.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';

after(removeTempDirs);

const zips = (out: string) => Object.keys(snapshotFiles(out)).filter((f) => f.endsWith('.zip')).sort();

describe('build with the default rules', () => {
  it('builds every module version once, from the first tag that has it, and the metapackage of every tag', async () => {
    const repo = createModulesRepo();
    const out = tempDir();
    const result = await buildRepo({ sources: [{ path: repo.dir }] }, out);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(zips(out), [
      'packages/acme/bundle-1.0.0.zip',
      'packages/acme/bundle-1.0.1.zip',
      'packages/acme/bundle-1.1.0.zip',
      'packages/acme/module-a-1.0.0.zip',
      'packages/acme/module-a-1.0.1.zip',
      'packages/acme/module-b-1.0.0.zip',
      'packages/acme/module-b-1.1.0.zip',
    ]);
    assert.equal(result.counts.built, 7);
    const entries = await readZipEntries(join(out, 'packages/acme/module-b-1.0.0.zip'));
    assert.deepEqual(entries.map((e) => e.name), ['Api/', 'Api/B.php', 'bin/', 'bin/tool', 'composer.json', 'registration.php']);
    assert.equal(entries.find((e) => e.name === 'bin/tool')?.externalAttributes, 0o755 << 16);
    const json = (await readZipEntry(join(out, 'packages/acme/module-b-1.0.0.zip'), 'composer.json'))?.toString();
    assert.equal(json, JSON.stringify(JSON.parse(moduleJson('acme/module-b', '1.0.0')), null, 2));
    const meta = await readZipEntries(join(out, 'packages/acme/bundle-1.1.0.zip'));
    assert.deepEqual(meta.map((e) => e.name), ['composer.json']);
    repo.cleanup();
  });

  it('a repository whose root holds a composer.json is one package versioned by its tags', async () => {
    const repo = createModulesRepo();
    repo.writeFile('composer.json', JSON.stringify({ name: 'acme/whole', type: 'library' }));
    repo.commit('root package');
    repo.tag('v2.0.0');
    repo.tag('nightly');
    const out = tempDir();
    const result = await buildRepo({ sources: [{ path: repo.dir, tags: { only: ['v2.0.0', 'nightly'] } }] }, out);
    assert.deepEqual(zips(out), ['packages/acme/whole-2.0.0.zip']);
    assert.deepEqual(result.sources[0]?.ignoredTags.find((t) => t.tag === 'nightly')?.reason, 'not a Composer release version');
    const names = (await readZipEntries(join(out, 'packages/acme/whole-2.0.0.zip'))).map((e) => e.name);
    assert.ok(names.includes('ModA/composer.json'), 'nested composer.json files are ordinary files of the root package');
    repo.cleanup();
  });
});

describe('several sources', () => {
  const libraryRepo = (name: string) => {
    const repo = createRepo();
    repo.writeFile('composer.json', `${JSON.stringify({ name, type: 'library' }, null, 4)}\n`);
    repo.commit('first');
    repo.tag('1.0.0');
    return repo;
  };

  it('are opened a few at a time and reported in config order; one that fails names itself and nothing is written', async () => {
    const repos = Array.from({ length: 6 }, (_, i) => libraryRepo(`acme/lib-${i}`));
    const sources = repos.map((r, i) => ({ name: `lib-${i}`, path: r.dir }));
    const out = tempDir();
    const result = await buildRepo({ sources }, out);
    assert.deepEqual(result.sources.map((s) => s.name), sources.map((s) => s.name));
    assert.equal(result.counts.built, 6);

    const broken = tempDir();
    const missing = join(tempDir(), 'not-there');
    await assert.rejects(
      buildRepo({ sources: [...sources.slice(0, 3), { name: 'gone', path: missing }, ...sources.slice(3)] }, broken),
      (error: unknown) => error instanceof MageosError && error.code === 'ERR_SOURCE' && error.message.includes(missing),
    );
    assert.equal(existsSync(join(broken, 'packages.json')), false);
    for (const repo of repos) repo.cleanup();
  });

  it('a first build that fails before publishing anything leaves no repository behind: a new directory goes, a given empty one stays empty', async () => {
    const missing = { sources: [{ name: 'gone', path: join(tempDir(), 'not-there') }] };
    const fresh = join(tempDir(), 'new-repo');
    await assert.rejects(buildRepo(missing, fresh), (error: unknown) => error instanceof MageosError && error.code === 'ERR_SOURCE');
    assert.equal(existsSync(fresh), false);
    const given = tempDir();
    await assert.rejects(buildRepo(missing, given), (error: unknown) => error instanceof MageosError && error.code === 'ERR_SOURCE');
    assert.deepEqual(readdirSync(given), []);
    // A repository that was built before keeps its state when a later build fails.
    const repo = libraryRepo('acme/kept');
    const built = tempDir();
    await buildRepo({ sources: [{ name: 'kept', path: repo.dir }] }, built);
    await assert.rejects(buildRepo({ sources: [{ name: 'kept', path: repo.dir }, ...missing.sources] }, built));
    assert.ok(existsSync(join(built, '.mageos-repo', 'state.json')));
    assert.ok(existsSync(join(built, 'packages.json')));
    repo.cleanup();
  });
});

describe('determinism', () => {
  it('writes the versions of each package one after another (their files come from the blob cache), in release order', async () => {
    const repo = createModulesRepo();
    const written: string[] = [];
    const result = await buildRepo({ sources: [{ path: repo.dir }] }, tempDir(), {
      concurrency: 1,
      onProgress: (p) => {
        if (p.phase === 'build' && p.detail !== undefined) written.push(p.detail);
      },
    });
    assert.equal(result.counts.built, 7);
    // Release order would interleave them (module-a 1.0.0, module-b 1.0.0, bundle 1.0.0, module-a 1.0.1, ...);
    // packages come in the order they first appear.
    assert.deepEqual(written, [
      'acme/module-a 1.0.0',
      'acme/module-a 1.0.1',
      'acme/module-b 1.0.0',
      'acme/module-b 1.1.0',
      'acme/bundle 1.0.0',
      'acme/bundle 1.0.1',
      'acme/bundle 1.1.0',
    ]);
    repo.cleanup();
  });

  it('two builds of the same inputs produce byte-identical archives', async () => {
    const repo = createModulesRepo();
    const [a, b] = [tempDir(), tempDir()];
    await buildRepo({ sources: [{ path: repo.dir }] }, a);
    await buildRepo({ sources: [{ path: repo.dir }] }, b, { concurrency: 1 });
    assert.deepEqual(snapshotFiles(a), snapshotFiles(b));
    repo.cleanup();
  });
});

describe('incremental builds', () => {
  it('a second build with unchanged inputs writes nothing and says so', async () => {
    const repo = createModulesRepo();
    const out = tempDir();
    const first = await buildRepo({ sources: [{ path: repo.dir }] }, out);
    const times = archiveTimes(out);
    const again = await buildRepo({ sources: [{ path: repo.dir }] }, out);
    assert.equal(again.upToDate, true);
    assert.equal(again.counts.built, 0);
    assert.deepEqual(archiveTimes(out), times);
    // The phases account for the build's time; one that stops after the refs spends none planning or writing.
    for (const result of [first, again]) {
      const phases = Object.values(result.phaseMs);
      assert.ok(phases.every((ms) => Number.isInteger(ms) && ms >= 0), JSON.stringify(result.phaseMs));
      assert.ok(phases.reduce((a, b) => a + b, 0) <= result.durationMs, `${JSON.stringify(result.phaseMs)} within ${result.durationMs} ms`);
    }
    assert.deepEqual({ ...again.phaseMs, sources: 0 }, { sources: 0, plan: 0, write: 0, metadata: 0 });
    repo.cleanup();
  });

  it('a package version left out by a skip fix is counted and listed as skipped, also when the next build has nothing to do', async () => {
    const repo = createRepo();
    for (const [tag, dirs] of [['1.0.0', ['x', 'y']], ['1.1.0', ['x', 'y']]] as const) {
      for (const dir of dirs) repo.writeFile(`${dir}/composer.json`, `${JSON.stringify({ name: `acme/${dir}`, type: 'library', extra: { tag } })}\n`);
      repo.commit(tag);
      repo.tag(tag);
    }
    const config = { sources: [{ path: repo.dir, fixes: [{ action: 'skip', package: 'acme/y', version: '1.1.0', reason: 'broken upstream' }] }] };
    const out = tempDir();
    const first = await buildRepo(config, out);
    assert.deepEqual(first.skipped, ['acme/y@1.1.0']);
    assert.equal(first.counts.skipped, 1);
    assert.equal(first.counts.built, 3);
    assert.equal(existsSync(join(out, 'packages/acme/y-1.1.0.zip')), false);
    const again = await buildRepo(config, out);
    assert.equal(again.upToDate, true);
    assert.deepEqual(again.skipped, ['acme/y@1.1.0']);
    repo.cleanup();
  });

  it('a new tag builds only the package versions it adds', async () => {
    const repo = createModulesRepo();
    const out = tempDir();
    await buildRepo({ sources: [{ path: repo.dir }] }, out);
    const before = snapshotFiles(out);
    writeModule(repo, 'ModA', 'acme/module-a', '1.0.2', { 'Model/Thing.php': '<?php class Thing { /* 1.0.2 */ }\n' });
    writeMetapackage(repo, 'acme/bundle', { 'acme/module-a': '1.0.2', 'acme/module-b': '1.1.0' });
    repo.commit('1.1.1');
    repo.tag('1.1.1');
    const result = await buildRepo({ sources: [{ path: repo.dir }] }, out);
    assert.deepEqual(result.actions.filter((a) => a.action !== 'reuse').map((a) => `${a.package}@${a.version}`).sort(), ['acme/bundle@1.1.1', 'acme/module-a@1.0.2']);
    assert.equal(result.counts.built, 2);
    const after = snapshotFiles(out);
    const touched = (f: string) => /^(index\.html|packages\.json|p\/.*|p2\/acme\/(bundle|module-a)\.json)$/.test(f);
    for (const [file, sha] of Object.entries(before)) if (!touched(file)) assert.equal(after[file], sha, `${file} unchanged`);
    repo.cleanup();
  });

  it('a changed fix touches only the package it concerns; for a published version it is drift until republished', async () => {
    const repo = createModulesRepo();
    const out = tempDir();
    await buildRepo({ sources: [{ path: repo.dir }] }, out);
    const before = snapshotFiles(out);
    const fix = { action: 'edit-links', package: 'acme/module-b', version: '1.1.0', section: 'require', add: { 'acme/module-a': '^1.0' }, reason: 'missing dependency' };
    const config = { sources: [{ path: repo.dir, fixes: [fix] }] };
    const drift = await buildRepo(config, out);
    assert.deepEqual(drift.actions.filter((a) => a.action !== 'reuse').map((a) => `${a.package}@${a.version}:${a.action}`), ['acme/module-b@1.1.0:check']);
    assert.equal(drift.drift.length, 1);
    assert.deepEqual(drift.drift[0]?.changed, ['composer.json']);
    assert.deepEqual(drift.drift[0]?.composerJson.map((c) => c.key), ['require']);
    assert.deepEqual(snapshotFiles(out), before, 'the published archive is kept');
    const republished = await buildRepo(config, out, { republish: ['acme/module-b@1.1.0'] });
    assert.equal(republished.drift.length, 0);
    assert.equal(republished.counts.built, 1);
    const after = snapshotFiles(out);
    assert.notEqual(after['packages/acme/module-b-1.1.0.zip'], before['packages/acme/module-b-1.1.0.zip']);
    const touched = (f: string) => /^(index\.html|packages\.json|p\/.*|p2\/acme\/module-b\.json|packages\/acme\/module-b-1\.1\.0\.zip)$/.test(f);
    for (const file of Object.keys(before).filter((f) => !touched(f))) assert.equal(after[file], before[file], `${file} unchanged`);
    const json = JSON.parse((await readZipEntry(join(out, 'packages/acme/module-b-1.1.0.zip'), 'composer.json'))?.toString() ?? '{}');
    assert.deepEqual(json.require, { 'acme/module-a': '^1.0' });
    assert.equal((await buildRepo(config, out)).upToDate, true);
    repo.cleanup();
  });

  it('an upstream re-tag that changes a published version is reported as drift and the old archive kept', async () => {
    const repo = createModulesRepo();
    const out = tempDir();
    await buildRepo({ sources: [{ path: repo.dir }] }, out);
    const old = readFileSync(join(out, 'packages/acme/module-b-1.1.0.zip'));
    writeModule(repo, 'ModB', 'acme/module-b', '1.1.0', { 'Api/B3.php': '<?php interface B3 {}\n' });
    repo.commit('re-tag');
    repo.git(['tag', '-f', '1.1.0']);
    const result = await buildRepo({ sources: [{ path: repo.dir }] }, out);
    assert.equal(result.drift.length, 1);
    assert.deepEqual(result.drift[0]?.added, ['Api/B3.php']);
    assert.deepEqual(readFileSync(join(out, 'packages/acme/module-b-1.1.0.zip')), old);
    assert.equal(result.upToDate, false);
    repo.cleanup();
  });

  it('an archive that went missing or was damaged is written again with the same bytes', async () => {
    const repo = createModulesRepo();
    const out = tempDir();
    await buildRepo({ sources: [{ path: repo.dir }] }, out);
    const before = snapshotFiles(out);
    const { rmSync, writeFileSync } = await import('node:fs');
    rmSync(join(out, 'packages/acme/module-a-1.0.0.zip'));
    writeFileSync(join(out, 'packages/acme/module-b-1.0.0.zip'), 'garbage');
    const result = await buildRepo({ sources: [{ path: repo.dir }] }, out);
    assert.deepEqual(result.actions.filter((a) => a.action !== 'reuse').map((a) => a.action), ['repair', 'repair']);
    assert.deepEqual(snapshotFiles(out), before);
    repo.cleanup();
  });

  it('a version that leaves the config leaves the metadata at once and loses its archive after the grace period', async () => {
    const repo = createModulesRepo();
    const out = tempDir();
    const day = 24 * 3600 * 1000;
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const now = () => clock;
    await buildRepo({ sources: [{ path: repo.dir }] }, out, { now });
    const skip = { sources: [{ path: repo.dir, tags: { skip: ['1.1.0'] } }] };
    const removed = await buildRepo(skip, out, { now });
    assert.deepEqual(removed.removed.sort(), ['acme/bundle@1.1.0', 'acme/module-b@1.1.0']);
    const p2 = JSON.parse(readFileSync(join(out, 'p2/acme/module-b.json'), 'utf8'));
    assert.deepEqual(p2.packages['acme/module-b'].map((v: { version: string }) => v.version), ['1.0.0']);
    assert.ok(!JSON.parse(readFileSync(join(out, 'p2/acme/bundle.json'), 'utf8')).packages['acme/bundle'].some((v: { version: string }) => v.version === '1.1.0'));
    assert.doesNotMatch(readFileSync(join(out, 'index.html'), 'utf8'), /module-b-1\.1\.0\.zip/);
    assert.ok(existsSync(join(out, 'packages/acme/module-b-1.1.0.zip')), 'kept for lock files during the grace period');
    clock += 6 * day;
    assert.deepEqual((await buildRepo(skip, out, { now })).prunedArchives, []);
    clock += 2 * day;
    const pruned = await buildRepo(skip, out, { now });
    assert.deepEqual(pruned.prunedArchives.sort(), ['packages/acme/bundle-1.1.0.zip', 'packages/acme/module-b-1.1.0.zip']);
    assert.equal(existsSync(join(out, 'packages/acme/module-b-1.1.0.zip')), false);
    assert.ok(existsSync(join(out, 'packages/acme/module-b-1.0.0.zip')));
    repo.cleanup();
  });

  it('--prune-archives (grace 0) deletes the archive of a removed version in the same build', async () => {
    const repo = createModulesRepo();
    const out = tempDir();
    await buildRepo({ sources: [{ path: repo.dir }] }, out);
    const result = await buildRepo({ sources: [{ path: repo.dir, tags: { skip: ['1.1.0'] } }] }, out, { archiveGraceMs: 0 });
    assert.deepEqual(result.prunedArchives.sort(), ['packages/acme/bundle-1.1.0.zip', 'packages/acme/module-b-1.1.0.zip']);
    assert.deepEqual(zips(out).filter((f) => f.includes('1.1.0')), []);
    repo.cleanup();
  });

  it('a build in another format than the published archives says so once, and keeps every archive (drift)', async () => {
    const repo = createModulesRepo();
    const out = tempDir();
    await buildRepo({ sources: [{ path: repo.dir }], format: 'deflate' }, out);
    const before = snapshotFiles(out);
    const switched = await buildRepo({ sources: [{ path: repo.dir }] }, out);
    assert.deepEqual(
      switched.warnings.filter((w) => w.source === out).map((w) => w.message),
      ['its archives are in the "deflate" format and this build asks for "mageos": every published archive would change (drift) unless republished'],
    );
    assert.equal(switched.drift.length, zips(out).length);
    assert.deepEqual(snapshotFiles(out), before, 'nothing is rewritten');
    repo.cleanup();
  });

  it('a dry run prints the plan and writes nothing', async () => {
    const repo = createModulesRepo();
    const out = tempDir();
    const result = await buildRepo({ sources: [{ path: repo.dir }] }, join(out, 'new'), { dryRun: true });
    assert.equal(result.actions.length, 7);
    assert.ok(result.actions.every((a) => a.action === 'build'));
    assert.equal(existsSync(join(out, 'new')), false);
    repo.cleanup();
  });
});

describe('bad input', () => {
  it('a tag with a broken composer.json names source, tag and path; --keep-going builds the other releases, not half of that one', async () => {
    const repo = createModulesRepo();
    repo.writeFile('ModA/composer.json', '{ "name": "acme/module-a", ');
    repo.commit('broken');
    repo.tag('1.2.0');
    const out = tempDir();
    await assert.rejects(buildRepo({ sources: [{ path: repo.dir, name: 'mods' }] }, out), (error: MageosError) => {
      assert.equal(error.code, 'ERR_COMPOSER_JSON_INVALID');
      assert.match(error.message, /ModA\/composer\.json at 1\.2\.0 of source "mods" is not valid JSON at line 1, column 28: the text ends too early$/);
      return true;
    });
    assert.deepEqual(zips(out), [], 'nothing is written when a plan fails without --keep-going');
    const result = await buildRepo({ sources: [{ path: repo.dir, name: 'mods' }] }, out, { keepGoing: true });
    assert.equal(result.errors.length, 1);
    assert.equal(result.counts.failed, 1);
    assert.ok(zips(out).includes('packages/acme/module-b-1.1.0.zip'));
    assert.ok(!zips(out).includes('packages/acme/bundle-1.2.0.zip'), 'the broken release is not published half-way');
    assert.equal(zips(out).length, 7, 'every other release is');
    repo.cleanup();
  });

  it('a blob missing from the repository fails that package version only; --keep-going builds the rest', async () => {
    const repo = createModulesRepo();
    const oid = repo.git(['rev-parse', '1.0.0:ModB/Api/B.php']);
    rmSync(join(repo.dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
    const out = tempDir();
    await assert.rejects(buildRepo({ sources: [{ path: repo.dir }] }, out), (e: MageosError) => e.code === 'ERR_GIT_OBJECT_MISSING');
    const keptOut = tempDir();
    const kept = await buildRepo({ sources: [{ path: repo.dir, name: 'mods' }] }, keptOut, { keepGoing: true });
    assert.equal(kept.counts.failed, 2, 'module-b 1.0.0 and 1.1.0 hold the missing blob');
    // The bundles require those versions: they could not be installed, so they are not published either.
    assert.equal(kept.counts.built, 2);
    assert.deepEqual(zips(keptOut), ['packages/acme/module-a-1.0.0.zip', 'packages/acme/module-a-1.0.1.zip']);
    assert.ok(!existsSync(join(keptOut, 'p2', 'acme', 'bundle.json')), 'no metadata lists a bundle');
    assert.ok(existsSync(join(keptOut, 'p2', 'acme', 'module-a.json')));
    assert.deepEqual(
      kept.warnings.filter((w) => w.package?.startsWith('acme/bundle')).map((w) => `${w.package}: ${w.message}`).sort(),
      [
        'acme/bundle@1.0.0: not published: it requires acme/module-b 1.0.0, which could not be written',
        'acme/bundle@1.0.1: not published: it requires acme/module-b 1.0.0, which could not be written',
        'acme/bundle@1.1.0: not published: it requires acme/module-b 1.1.0, which could not be written',
      ],
    );
    assert.ok(kept.errors.every((e) => e.code === 'ERR_GIT_OBJECT_MISSING'));
    // Each error says which package version, release and file could not be read.
    assert.deepEqual(
      kept.errors.map((e) => e.message.replace(/: object .*/, '')).sort(),
      ['acme/module-b 1.0.0 (tag 1.0.0 of source "mods"), file Api/B.php', 'acme/module-b 1.1.0 (tag 1.1.0 of source "mods"), file Api/B.php'],
    );
    assert.ok(kept.errors.every((e) => e.message.includes(`object ${oid} is missing`)));
    repo.cleanup();
  });

  it('a release whose metapackage pins a version the tag does not hold is not published half-way', async () => {
    const repo = createModulesRepo();
    writeModule(repo, 'ModA', 'acme/module-a', '1.0.2');
    writeMetapackage(repo, 'acme/bundle', { 'acme/module-a': '1.0.3', 'acme/module-b': '1.1.0' });
    repo.commit('1.2.0');
    repo.tag('1.2.0');
    await assert.rejects(buildRepo({ sources: [{ path: repo.dir }] }, tempDir()), /_metapackage\/composer\.json at 1\.2\.0 of source "[^"]+": acme\/bundle requires acme\/module-a "1\.0\.3", but the release holds acme\/module-a 1\.0\.2/);
    const out = tempDir();
    const kept = await buildRepo({ sources: [{ path: repo.dir }] }, out, { keepGoing: true });
    assert.equal(kept.errors.length, 1);
    assert.deepEqual(zips(out).filter((f) => f.includes('1.0.2') || f.includes('1.2.0')), [], 'neither the module nor the bundle of 1.2.0');
    assert.equal(zips(out).length, 7, 'the other releases are published');
    assert.ok(kept.warnings.some((w) => w.tag === '1.2.0' && /release not published/.test(w.message)));
    repo.cleanup();
  });

  it('a module version that goes down in a later release of the same line is reported and that release held back', async () => {
    const repo = createModulesRepo();
    writeModule(repo, 'ModA', 'acme/module-a', '1.0.0', { 'Model/Thing.php': '<?php // reverted\n' });
    writeMetapackage(repo, 'acme/bundle', { 'acme/module-a': '1.0.0', 'acme/module-b': '1.1.0' });
    repo.commit('1.1.0-p1');
    repo.tag('1.1.0-p1');
    const out = tempDir();
    const kept = await buildRepo({ sources: [{ path: repo.dir }] }, out, { keepGoing: true });
    assert.deepEqual(kept.errors.map((e) => e.message), [`ModA/composer.json at 1.1.0-p1 of source "${kept.sources[0]?.name}": acme/module-a 1.0.0 is older than 1.0.1 at the earlier release 1.1.0`]);
    assert.ok(!zips(out).some((f) => f.includes('bundle-1.1.0-p1')));

    // When the release really ships the older module, an allow-version-down fix publishes it; it counts as used.
    const fix = { action: 'allow-version-down', package: 'acme/module-a', tag: '1.1.0-p1', reason: 'released so upstream' };
    const allowed = await buildRepo({ sources: [{ path: repo.dir, fixes: [fix] }] }, tempDir());
    assert.deepEqual(allowed.errors, []);
    assert.deepEqual(allowed.unusedFixes, []);
    assert.ok(allowed.actions.some((a) => a.package === 'acme/bundle' && a.version === '1.1.0-p1'));
    repo.cleanup();
  });

  it('a release in which two directories hold the same package is reported with both directories and held back', async () => {
    const repo = createModulesRepo();
    writeModule(repo, 'ModA-copy', 'acme/module-a', '1.0.2');
    repo.commit('1.2.0');
    repo.tag('1.2.0');
    const out = tempDir();
    const kept = await buildRepo({ sources: [{ path: repo.dir, name: 'mods' }] }, out, { keepGoing: true });
    assert.deepEqual(kept.errors.map((e) => e.message), ['acme/module-a is in 2 places at 1.2.0 of source "mods": "ModA", "ModA-copy"']);
    assert.ok(!zips(out).some((f) => f.includes('1.0.2') || f.includes('bundle-1.2.0')), 'nothing of 1.2.0 is published');
    assert.ok(zips(out).some((f) => f.includes('bundle-1.1.0')), 'the earlier releases are');
    repo.cleanup();
  });

  it('two sources with the same name (given, or from the last part of their urls) are a config error before anything is opened', async () => {
    const repo = createModulesRepo();
    const out = tempDir();
    const cacheDir = tempDir();
    const same = { sources: [{ path: repo.dir, name: 'x' }, { path: repo.dir, name: 'x' }] };
    await assert.rejects(buildRepo(same, out), (error: MageosError) => {
      assert.equal(error.code, 'ERR_CONFIG_INVALID');
      assert.equal(error.exitCode, 3);
      assert.match(error.message, /\$\.sources\[1\]: the name "x" \(.*\) is already the name of \$\.sources\[0\]/);
      return true;
    });
    const forks = { sources: [{ url: 'https://token@example.com/a/shop.git' }, { url: 'https://example.com/b/shop.git' }] };
    await assert.rejects(buildRepo(forks, out, { cacheDir }), (error: MageosError) => {
      assert.match(error.message, /the name "shop" \(https:\/\/example\.com\/b\/shop\.git\) is already the name of \$\.sources\[0\] \(https:\/\/\*\*\*@example\.com\/a\/shop\.git\)/);
      return true;
    });
    assert.deepEqual(readdirSync(cacheDir), [], 'nothing was cloned');
    assert.deepEqual(zips(out), []);
    repo.cleanup();
  });

  it('an extra ref that does not exist is an error naming source and ref', async () => {
    const repo = createModulesRepo();
    const config = { sources: [{ path: repo.dir, name: 'mods', extraRefs: [{ ref: 'no-such-branch', version: '1.5.0', reason: 'r' }] }] };
    await assert.rejects(buildRepo(config, tempDir()), (error: MageosError) => {
      assert.equal(error.code, 'ERR_GIT_REF_NOT_FOUND');
      assert.match(error.message, /extra ref "no-such-branch" of source "mods"/);
      return true;
    });
    repo.cleanup();
  });

  it('an archive that cannot be put in place stops the build with exit 7, also with --keep-going, and nothing points at it', async () => {
    const repo = createModulesRepo();
    const out = tempDir();
    await buildRepo({ sources: [{ path: repo.dir }] }, out);
    // Where an archive belongs, a directory with a file in it: the rename of the rebuilt archive must fail.
    const archive = join(out, 'packages/acme/module-a-1.0.0.zip');
    rmSync(archive);
    mkdirSync(archive);
    writeFileSync(join(archive, 'in-the-way'), 'x');
    const packagesJson = readFileSync(join(out, 'packages.json'), 'utf8');
    // A batch of one: the failure comes while archives are still being written, where --keep-going goes on after bad input.
    await assert.rejects(buildRepo({ sources: [{ path: repo.dir }] }, out, { keepGoing: true, durableBatchFiles: 1 }), (e: MageosError) => {
      assert.equal(e.code, 'ERR_OUTPUT_UNUSABLE');
      assert.ok(e.message.includes(out), e.message);
      return true;
    });
    assert.equal(readFileSync(join(out, 'packages.json'), 'utf8'), packagesJson, 'the metadata is not published again');
    assert.deepEqual(Object.keys(snapshotFiles(out, { includeState: true })).filter((f) => f.endsWith('.tmp')), [], 'no unfinished file is left');
    assert.equal(readFileSync(join(archive, 'in-the-way'), 'utf8'), 'x');
    repo.cleanup();
  });

  it('an archive that cannot be written is an output error (exit 7), not an internal one, also with --keep-going', async () => {
    const repo = createModulesRepo();
    const out = tempDir();
    const scratch = join(out, '.mageos-repo/tmp');
    let spoiled = false;
    // Once planning is done, the scratch space becomes a file: the first archive cannot be created.
    const onProgress = (p: { phase: string }) => {
      if (p.phase !== 'build' || spoiled) return;
      spoiled = true;
      rmSync(scratch, { recursive: true, force: true });
      writeFileSync(scratch, 'not a directory');
    };
    await assert.rejects(buildRepo({ sources: [{ path: repo.dir }] }, out, { keepGoing: true, onProgress }), (e: MageosError) => {
      assert.equal(e.code, 'ERR_OUTPUT_UNUSABLE');
      assert.match(e.message, /is a file \(or lies below one\), not a directory/);
      return true;
    });
    assert.ok(spoiled);
    assert.equal(existsSync(join(out, 'packages.json')), false, 'nothing was published');
    repo.cleanup();
  });

  it('an output directory that is not ours is refused', async () => {
    const repo = createModulesRepo();
    const out = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(out, 'important.txt'), 'keep me');
    await assert.rejects(buildRepo({ sources: [{ path: repo.dir }] }, out), (e: MageosError) => e.code === 'ERR_OUTPUT_NOT_OURS');
    repo.cleanup();
  });
});

describe('package rules and fixes against real git', () => {
  it('modules, directory (with excludes and empty dirs) and metapackage rules', async () => {
    const repo = createModulesRepo();
    repo.writeFile('lib/Framework/composer.json', JSON.stringify({ name: 'acme/framework', type: 'library' }));
    repo.writeFile('lib/Framework/App.php', '<?php');
    repo.writeFile('lib/Framework/Amqp/composer.json', JSON.stringify({ name: 'acme/framework-amqp' }));
    repo.writeFile('lib/Framework/Amqp/Queue.php', '<?php');
    repo.commit('framework');
    repo.tag('1.2.0');
    const config = {
      sources: [
        {
          path: repo.dir,
          tags: { only: ['1.2.0'] },
          packages: [
            { type: 'modules', dir: '', exclude: ['_metapackage', 'lib'] },
            { type: 'directory', dir: 'lib/Framework', exclude: ['Amqp/**'], emptyDirs: ['empty/dir'] },
            { type: 'directory', dir: 'lib/Framework/Amqp' },
            { type: 'metapackage', dir: '_metapackage' },
          ],
        },
      ],
    };
    const out = tempDir();
    const result = await buildRepo(config, out);
    assert.deepEqual(result.errors, []);
    const framework = (await readZipEntries(join(out, 'packages/acme/framework-1.2.0.zip'))).map((e) => e.name);
    assert.deepEqual(framework, ['App.php', 'composer.json', 'empty/', 'empty/dir/']);
    const amqp = (await readZipEntries(join(out, 'packages/acme/framework-amqp-1.2.0.zip'))).map((e) => e.name);
    assert.deepEqual(amqp, ['composer.json', 'Queue.php']);
    assert.ok(existsSync(join(out, 'packages/acme/bundle-1.2.0.zip')));
    repo.cleanup();
  });

  it('replace-files takes content from another ref of the same source', async () => {
    const repo = createModulesRepo();
    const config = {
      sources: [
        {
          path: repo.dir,
          fixes: [{ action: 'replace-files', package: 'acme/module-a', version: '1.0.0', files: ['Model/Thing.php'], fromRef: 'refs/tags/1.0.1', reason: 'the 1.0.0 file had a bug' }],
        },
      ],
    };
    const out = tempDir();
    await buildRepo(config, out);
    const thing = await readZipEntry(join(out, 'packages/acme/module-a-1.0.0.zip'), 'Model/Thing.php');
    assert.equal(thing?.toString(), '<?php class Thing { /* fixed */ }\n');
    repo.cleanup();
  });

  it('a directory unchanged since an earlier tag is planned once, yet versions from tags, tag-bound fixes and warnings follow each tag', async () => {
    const repo = createRepo();
    writeModule(repo, 'Lib', 'acme/lib', null);
    writeModule(repo, 'ModV', 'acme/module-v', '1.0.0');
    repo.symlink('ModV/link.php', 'registration.php');
    writeModule(repo, 'ModF', 'acme/module-f', '2.0.0');
    repo.writeFile('README.md', 'one\n');
    repo.commit('1.0.0');
    repo.tag('1.0.0');
    // Only the README changes: every package directory is the same tree at 1.0.1.
    repo.writeFile('README.md', 'two\n');
    repo.commit('1.0.1');
    repo.tag('1.0.1');
    const fix = { action: 'set-version', package: 'acme/module-f', tag: '1.0.1', set: '2.0.1', reason: 'the tag forgot to bump it' };
    const out = tempDir();
    const result = await buildRepo({ sources: [{ path: repo.dir, fixes: [fix] }] }, out);
    const planned = result.actions.map((a) => `${a.package}@${a.version} ${a.tag}`).sort();
    assert.deepEqual(planned, [
      'acme/lib@1.0.0 1.0.0',
      'acme/lib@1.0.1 1.0.1', // no version in its composer.json: each tag's own, from the same directory
      'acme/module-f@2.0.0 1.0.0',
      'acme/module-f@2.0.1 1.0.1', // the fix bound to tag 1.0.1 applies there only
      'acme/module-v@1.0.0 1.0.0',
    ]);
    const lib = JSON.parse((await readZipEntry(join(out, 'packages/acme/lib-1.0.1.zip'), 'composer.json'))?.toString() ?? '{}') as { version?: string };
    assert.equal(lib.version, '1.0.1');
    const fixed = JSON.parse((await readZipEntry(join(out, 'packages/acme/module-f-2.0.1.zip'), 'composer.json'))?.toString() ?? '{}') as { version?: string };
    assert.equal(fixed.version, '2.0.1');
    const symlinkWarnings = result.warnings.filter((w) => w.path === 'link.php').map((w) => `${w.tag} ${w.package}`);
    assert.deepEqual(symlinkWarnings, ['1.0.0 acme/module-v@1.0.0', '1.0.1 acme/module-v@1.0.0'], 'the left-out symlink is reported at each tag that has it');
    repo.cleanup();
  });

  it("a new tag on top plans only the directories that changed since the last build's last release, and builds what a full build would", async () => {
    const repo = createRepo();
    writeModule(repo, 'mods/ModA', 'acme/module-a', '1.0.0', { 'Model/Deep/A.php': '<?php // a\n' });
    writeModule(repo, 'mods/ModB', 'acme/module-b', '2.0.0', { 'Model/B.php': '<?php // b 2.0.0\n' });
    writeModule(repo, 'mods/ModC', 'acme/module-c', null);
    writeModule(repo, 'mods/ModS', 'acme/module-s', '1.0.0');
    repo.symlink('mods/ModS/link.php', 'registration.php');
    repo.commit('1.0.0');
    repo.tag('1.0.0');
    const config = { sources: [{ path: repo.dir, packages: [{ type: 'modules', dir: 'mods' }] }] };
    const out = tempDir();
    await buildRepo(config, out);
    type Releases = Record<string, Record<string, { directories?: Record<string, { name: string }> }>>;
    const releases = () => Object.values((JSON.parse(readFileSync(join(out, '.mageos-repo/state.json'), 'utf8')) as { releases: Releases }).releases)[0] as Releases[string];
    // ModC takes its version from the tag and ModS has a warning: both are planned at every release.
    assert.deepEqual(Object.keys(releases()['1.0.0']?.directories ?? {}).sort(), ['mods/ModA', 'mods/ModB']);

    // ModA did not change: the next build does not read it. With one of its trees gone from git, it still builds.
    writeModule(repo, 'mods/ModB', 'acme/module-b', '2.0.1', { 'Model/B.php': '<?php // b 2.0.1\n' });
    repo.commit('1.0.1');
    repo.tag('1.0.1');
    // Hidden after committing: a commit writes the tree objects it finds missing again.
    const hidden = repo.git(['rev-parse', '1.0.1:mods/ModA/Model']);
    const objectFile = join(repo.dir, '.git/objects', hidden.slice(0, 2), hidden.slice(2));
    assert.ok(existsSync(objectFile), 'a loose object in the fixture');
    renameSync(objectFile, `${objectFile}.aside`);
    const result = await buildRepo(config, out);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.actions.filter((a) => a.action !== 'reuse').map((a) => `${a.action} ${a.package}@${a.version}`).sort(), ['build acme/module-b@2.0.1', 'build acme/module-c@1.0.1']);
    assert.deepEqual(result.warnings.filter((w) => w.path === 'link.php').map((w) => w.tag), ['1.0.1']);
    assert.equal(releases()['1.0.0']?.directories, undefined, 'only the last release keeps its directories');
    assert.deepEqual(Object.keys(releases()['1.0.1']?.directories ?? {}).sort(), ['mods/ModA', 'mods/ModB']);
    renameSync(`${objectFile}.aside`, objectFile);

    // ModA's archive goes missing: taken from the last build's plan without its files, it is planned again to be written.
    rmSync(join(out, 'packages/acme/module-a-1.0.0.zip'));
    repo.writeFile('mods/ModC/README.md', 'c\n');
    repo.commit('1.0.2');
    repo.tag('1.0.2');
    const repaired = await buildRepo(config, out);
    assert.deepEqual(repaired.actions.filter((a) => a.action !== 'reuse').map((a) => `${a.action} ${a.package}@${a.version}`).sort(), ['build acme/module-c@1.0.2', 'repair acme/module-a@1.0.0']);

    const fresh = tempDir();
    await buildRepo(config, fresh);
    // The same repository as one build of the three tags; the v1 provider files the last publish replaced stay until the next.
    const [ours, theirs] = [snapshotFiles(out), snapshotFiles(fresh)];
    const v1 = (f: string) => f.startsWith('p/');
    assert.deepEqual(Object.entries(ours).filter(([f]) => !v1(f)), Object.entries(theirs).filter(([f]) => !v1(f)));
    for (const [f, sha] of Object.entries(theirs)) if (v1(f)) assert.equal(ours[f], sha, f);
    repo.cleanup();
  });

  it('symlinks are left out with a warning', async () => {
    const repo = createModulesRepo();
    repo.symlink('ModA/link.php', 'registration.php');
    repo.commit('symlink');
    repo.tag('1.2.0');
    const out = tempDir();
    const result = await buildRepo({ sources: [{ path: repo.dir, tags: { only: ['1.2.0'] } }] }, out);
    assert.deepEqual(result.warnings.map((w) => `${w.package} ${w.path} ${w.message}`), ['acme/module-a@1.0.1 link.php symlink left out of the archive']);
    await assert.rejects(buildRepo({ sources: [{ path: repo.dir, tags: { only: ['1.2.0'] } }], symlinks: 'error' }, tempDir()), (e: MageosError) => e.code === 'ERR_SYMLINK');
    repo.cleanup();
  });
});
