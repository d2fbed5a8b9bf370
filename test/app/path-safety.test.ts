import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseConfig } from '../../src/core/config/parse-config.js';
import { MageosError } from '../../src/core/errors.js';
import { createRepo, type FixtureRepo } from '../support/git-fixture.js';
import { createModulesRepo, writeModule } from '../support/module-repo.js';
import { libraryJson, writeZip } from '../support/package-zips.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';

after(removeTempDirs);

/** Every file below `dir`, relative to it, sorted. */
function filesBelow(dir: string, prefix = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) found.push(...filesBelow(dir, path));
    else found.push(path);
  }
  return found.sort();
}

/** The modules repository plus a tag 1.2.0 at which module-a declares `version`. */
function repoWithVersion(version: string): FixtureRepo {
  const repo = createModulesRepo();
  writeModule(repo, 'ModA', 'acme/module-a', version);
  repo.commit('hostile version');
  repo.tag('1.2.0');
  return repo;
}

/** An output directory two levels down in a fresh directory, so that a file escaping it can be looked for. */
function nestedOut(): { base: string; out: string } {
  const base = tempDir();
  return { base, out: join(base, 'www', 'out') };
}

const rejectsWith = (code: string, message: RegExp) => (error: MageosError) => {
  assert.equal(error.code, code);
  assert.match(error.message, message);
  return true;
};

describe('a version string never becomes a path outside --out', () => {
  for (const version of ['1.0.0+x/../../../../ESCAPED', '1.0.8+build/../../x', '1.0.0+a\\..\\..\\b']) {
    it(`${JSON.stringify(version)} is an error naming source, tag, file and value; nothing is written anywhere`, async () => {
      const repo = repoWithVersion(version);
      const { base, out } = nestedOut();
      await assert.rejects(
        buildRepo({ sources: [{ path: repo.dir, name: 'mods' }] }, out),
        rejectsWith('ERR_VERSION_INVALID', /^ModA\/composer\.json at 1\.2\.0 of source "mods": acme\/module-a has version ".*" \(from its "version"\), which contains a path separator/),
      );
      assert.deepEqual(filesBelow(base), [], 'no archive, no directory left behind');
      repo.cleanup();
    });
  }

  it('under --keep-going the release with the bad version fails and every other release is published, inside --out', async () => {
    const repo = repoWithVersion('1.0.0+x/../../../../ESCAPED');
    const { base, out } = nestedOut();
    const result = await buildRepo({ sources: [{ path: repo.dir, name: 'mods' }] }, out, { keepGoing: true, republish: ['*'] });
    assert.deepEqual(result.errors.map((e) => e.code), ['ERR_VERSION_INVALID']);
    assert.ok(result.counts.built > 0);
    assert.ok(filesBelow(base).every((f) => f.startsWith('www/out/')), filesBelow(base).join(', '));
    assert.ok(!filesBelow(base).some((f) => f.includes('ESCAPED')));
    repo.cleanup();
  });

  for (const [label, version] of [
    ['a trailing newline', '1.0.0\n'],
    ['a leading space', ' 1.0.1'],
    ['a NUL', '1.0.0+a\u0000b'],
    ['a tab in build metadata', '1.0.0+a\tb'],
  ] as const) {
    it(`a version with ${label} is refused, not published verbatim; --keep-going builds the rest`, async () => {
      const repo = repoWithVersion(version);
      const out = tempDir();
      await assert.rejects(buildRepo({ sources: [{ path: repo.dir, name: 'mods' }] }, out), rejectsWith('ERR_VERSION_INVALID', /contains whitespace or a control character \(U\+00/));
      const result = await buildRepo({ sources: [{ path: repo.dir, name: 'mods' }] }, out, { keepGoing: true });
      assert.equal(result.counts.failed, 1);
      assert.ok(result.counts.built > 0, 'the other releases are built');
      const published = filesBelow(out).filter((f) => f.endsWith('.zip'));
      assert.ok(published.every((f) => /^packages\/acme\/[a-z-]+-[0-9.]+\.zip$/.test(f)), published.join(', '));
      repo.cleanup();
    });
  }

  it('a set-version fix or an extra ref whose version holds a path is a config error when the file is read', () => {
    const fix = { action: 'set-version', package: 'acme/module-a', version: '1.0.0', set: '1.0.0+x/../../y', reason: 'test' };
    assert.throws(
      () => parseConfig({ sources: [{ path: '/tmp/x', fixes: [fix] }] }, 'my.json'),
      rejectsWith('ERR_CONFIG_INVALID', /\$\.sources\[0\]\.fixes\[0\]\.set: expected a version that can be part of a file name/),
    );
    const extraRef = { ref: 'main', version: '2.0.0+a/../../b', reason: 'test' };
    assert.throws(
      () => parseConfig({ sources: [{ path: '/tmp/x', extraRefs: [extraRef] }] }, 'my.json'),
      rejectsWith('ERR_CONFIG_INVALID', /\$\.sources\[0\]\.extraRefs\[0\]\.version: expected a version that can be part of a file name/),
    );
  });

  it('a version that a tag name gives (no "version" in composer.json) cannot hold a path either', async () => {
    const repo = createRepo();
    repo.writeFile('composer.json', libraryJson('acme/lib', null));
    repo.commit('lib');
    repo.tag('1.0.0+a/b');
    const out = tempDir();
    const result = await buildRepo({ sources: [{ path: repo.dir, name: 'lib' }] }, out, { keepGoing: true });
    assert.ok(result.errors.some((e) => e.code === 'ERR_VERSION_INVALID' && /from the tag's version/.test(e.message)), JSON.stringify(result.errors));
    assert.ok(!existsSync(join(out, 'packages', 'acme', 'lib-1.0.0+a')));
    repo.cleanup();
  });

  it('an archive source whose zip declares a version holding a path is refused, naming the zip', async () => {
    const zips = tempDir();
    await writeZip(join(zips, 'acme-evil-1.0.0.zip'), { 'composer.json': libraryJson('acme/evil', '1.0.0+x/../../../../ESCAPED') });
    const repo = createModulesRepo();
    const { base, out } = nestedOut();
    await assert.rejects(
      buildRepo({ sources: [{ path: repo.dir }], archives: [{ path: zips, name: 'zips', reason: 'test' }] }, out),
      rejectsWith('ERR_VERSION_INVALID', /acme-evil-1\.0\.0\.zip.*acme\/evil has version "1\.0\.0\+x\/\.\.\/\.\.\/\.\.\/\.\.\/ESCAPED", which contains a path separator/),
    );
    assert.deepEqual(filesBelow(base), []);
    repo.cleanup();
  });
});

describe('the output directory is written only through real directories inside it', () => {
  it('a symbolic link inside --out is not followed: the next build stops naming it, and the link target is untouched', async () => {
    const repo = createModulesRepo();
    const out = tempDir();
    await buildRepo({ sources: [{ path: repo.dir }] }, out);
    const elsewhere = tempDir();
    renameSync(join(out, 'packages', 'acme'), join(elsewhere, 'acme'));
    symlinkSync(join(elsewhere, 'acme'), join(out, 'packages', 'acme'));
    const before = filesBelow(elsewhere);
    await assert.rejects(buildRepo({ sources: [{ path: repo.dir }] }, out), rejectsWith('ERR_PATH_OUTSIDE_OUTPUT', /goes through the symbolic link .*packages\/acme/));
    assert.deepEqual(filesBelow(elsewhere), before, 'nothing was written through the link');
    repo.cleanup();
  });

  it('an archive replaced by a symbolic link is written again in place of the link, and the link target is untouched', async () => {
    const repo = createModulesRepo();
    const out = tempDir();
    await buildRepo({ sources: [{ path: repo.dir }] }, out);
    const target = join(tempDir(), 'precious.txt');
    writeFileSync(target, 'do not touch\n');
    const archive = join(out, 'packages', 'acme', 'module-a-1.0.0.zip');
    const bytes = readFileSync(archive);
    renameSync(archive, `${archive}.moved`);
    symlinkSync(target, archive);
    await buildRepo({ sources: [{ path: repo.dir }] }, out, { republish: ['*'] });
    assert.equal(readFileSync(target, 'utf8'), 'do not touch\n');
    assert.deepEqual(readFileSync(archive), bytes, 'the archive is back, as a file');
    repo.cleanup();
  });
});

describe('package rules and tree entries', () => {
  for (const dir of ['../../etc', '/etc', 'a/../../b', 'a\\..\\b']) {
    it(`a package rule "dir": ${JSON.stringify(dir)} is a config error naming the field`, () => {
      assert.throws(
        () => parseConfig({ sources: [{ path: '/tmp/x', packages: [{ type: 'modules', dir }] }] }, 'my.json'),
        rejectsWith('ERR_CONFIG_INVALID', /\$\.sources\[0\]\.packages\[0\]\.dir: expected a directory relative to the repository root/),
      );
    });
  }

  it('a file name that is not valid UTF-8 is an error naming the path with escapes (not a U+FFFD look-alike)', async () => {
    const repo = createModulesRepo();
    mkdirSync(join(repo.dir, 'ModA', 'i18n'), { recursive: true });
    writeFileSync(Buffer.concat([Buffer.from(join(repo.dir, 'ModA', 'i18n', 'caf')), Buffer.from([0xe9]), Buffer.from('.csv')]), 'latin-1 name\n');
    repo.commit('latin-1 file name');
    repo.tag('1.2.0');
    const out = tempDir();
    await assert.rejects(buildRepo({ sources: [{ path: repo.dir, name: 'mods' }] }, out), rejectsWith('ERR_ARCHIVE_ENTRY_INVALID', /ModA\/i18n\/caf\\xe9\.csv is not valid UTF-8/));
    const result = await buildRepo({ sources: [{ path: repo.dir, name: 'mods' }] }, out, { keepGoing: true });
    assert.equal(result.counts.failed, 1);
    assert.ok(result.counts.built > 0);
    repo.cleanup();
  });

  it('a tree with two entries of the same name is an error naming the path', async () => {
    const repo = createRepo();
    const blob = (text: string) => repo.git(['hash-object', '-w', '--stdin'], text);
    const entry = (name: string, oid: string) => Buffer.concat([Buffer.from(`100644 ${name}\0`), Buffer.from(oid, 'hex')]);
    const composerJson = blob(libraryJson('acme/lib', '1.0.0'));
    const tree = Buffer.concat([entry('composer.json', composerJson), entry('twice.php', blob('<?php // one\n')), entry('twice.php', blob('<?php // two\n'))]);
    const treeOid = repo.git(['hash-object', '-t', 'tree', '-w', '--literally', '--stdin'], tree);
    const commit = repo.git(['commit-tree', treeOid, '-m', 'duplicate entries']);
    repo.git(['tag', '1.0.0', commit]);
    const out = tempDir();
    await assert.rejects(buildRepo({ sources: [{ path: repo.dir, name: 'lib' }] }, out), rejectsWith('ERR_ARCHIVE_ENTRY_INVALID', /twice\.php appears twice in its directory/));
    repo.cleanup();
  });
});
