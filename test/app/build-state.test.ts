import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { MageosError } from '../../src/core/errors.js';
import { damageFile, snapshotFiles } from '../support/repository-files.js';
import { createModulesRepo } from '../support/module-repo.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';

after(removeTempDirs);

const stateFile = (out: string) => join(out, '.mageos-repo', 'state.json');


async function builtRepository() {
  const repo = createModulesRepo();
  const out = tempDir();
  const config = { sources: [{ path: repo.dir }] };
  const first = await buildRepo(config, out);
  assert.deepEqual(first.errors, []);
  return { repo, out, config, published: snapshotFiles(out) };
}

describe('a damaged state file', () => {
  const damages: Array<[string, (text: string) => string]> = [
    ['empty', () => ''],
    ['truncated', (text) => text.slice(0, Math.floor(text.length / 2))],
    ['garbage', () => '\x00\x01garbage\xff'],
    ['JSON of the wrong shape', () => JSON.stringify({ stateVersion: 1, artifacts: { 'acme/a@1.0.0': { name: 5 } } })],
    ['a JSON array', () => '[1, 2, 3]'],
  ];
  for (const [what, change] of damages) {
    it(`${what}: the build stops with ERR_STATE_DAMAGED (exit 7) naming the file and --rebuild-state, and changes no published file`, async () => {
      const { repo, out, config, published } = await builtRepository();
      writeFileSync(stateFile(out), change(readFileSync(stateFile(out), 'utf8')));
      await assert.rejects(buildRepo(config, out), (e: MageosError) => {
        assert.equal(e.code, 'ERR_STATE_DAMAGED');
        assert.equal(e.exitCode, 7);
        assert.ok(e.message.startsWith(`${stateFile(out)} is damaged: `), e.message);
        assert.match(e.hint ?? '', /--rebuild-state/);
        return true;
      });
      assert.deepEqual(snapshotFiles(out), published);
      repo.cleanup();
    });
  }

  it('--rebuild-state makes the state again from the published archives and metadata: nothing published changes, and the next build is up to date', async () => {
    const { repo, out, config, published } = await builtRepository();
    writeFileSync(stateFile(out), '{"stateVersion": 1, "artif');
    const result = await buildRepo(config, out, { rebuildState: true });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.drift, []);
    assert.equal(result.counts.built, 0);
    assert.equal(result.counts.reused, 7);
    assert.equal(result.metadata.written, 0, 'the metadata it writes is byte for byte the published one');
    assert.deepEqual(result.archiveCheck, { hashed: 7, damaged: [], restored: [] });
    assert.deepEqual(snapshotFiles(out), published);
    const again = await buildRepo(config, out);
    assert.equal(again.upToDate, true);
    repo.cleanup();
  });

  it('--rebuild-state also works when the state file is gone, and restores an archive whose bytes differ from its metadata sha1', async () => {
    const { repo, out, config, published } = await builtRepository();
    rmSync(stateFile(out));
    damageFile(join(out, 'packages/acme/module-a-1.0.1.zip'));
    const result = await buildRepo(config, out, { rebuildState: true });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.archiveCheck?.damaged, ['acme/module-a@1.0.1']);
    assert.deepEqual(result.archiveCheck?.restored, ['acme/module-a@1.0.1']);
    assert.deepEqual(snapshotFiles(out), published);
    repo.cleanup();
  });

  it('--rebuild-state refuses a directory that publishes nothing (no packages.json)', async () => {
    const { repo, out, config } = await builtRepository();
    rmSync(join(out, 'packages.json'));
    writeFileSync(stateFile(out), 'x');
    await assert.rejects(buildRepo(config, out, { rebuildState: true }), (e: MageosError) => e.code === 'ERR_STATE_DAMAGED' && /has no packages\.json/.test(e.message));
    repo.cleanup();
  });
});

describe('archives whose bytes changed but whose size did not', () => {
  it('a plain build does not read them (sizes match), --check finds and restores them from git', async () => {
    const { repo, out, config, published } = await builtRepository();
    damageFile(join(out, 'packages/acme/module-b-1.0.0.zip'));
    damageFile(join(out, 'packages/acme/bundle-1.1.0.zip'));
    const plain = await buildRepo(config, out);
    assert.equal(plain.upToDate, true);
    assert.notDeepEqual(snapshotFiles(out), published);
    const checked = await buildRepo(config, out, { check: true });
    assert.deepEqual(checked.errors, []);
    assert.deepEqual(checked.archiveCheck, { hashed: 7, damaged: ['acme/bundle@1.1.0', 'acme/module-b@1.0.0'], restored: ['acme/bundle@1.1.0', 'acme/module-b@1.0.0'] });
    assert.equal(checked.counts.built, 2);
    assert.deepEqual(snapshotFiles(out), published);
    const clean = await buildRepo(config, out, { check: true });
    assert.deepEqual(clean.archiveCheck, { hashed: 7, damaged: [], restored: [] });
    assert.equal(clean.upToDate, true);
    repo.cleanup();
  });

  it('--check reports a damaged archive it cannot restore (its version is no longer built) as ERR_ARCHIVE_DAMAGED and leaves the metadata as it was', async () => {
    const { repo, out, published } = await builtRepository();
    damageFile(join(out, 'packages/acme/module-b-1.1.0.zip'));
    const narrower = { sources: [{ path: repo.dir, tags: { only: ['1.0.0', '1.0.1'] } }] };
    const result = await buildRepo(narrower, out, { check: true });
    assert.deepEqual(result.archiveCheck?.damaged, ['acme/module-b@1.1.0']);
    assert.deepEqual(result.archiveCheck?.restored, []);
    assert.deepEqual(result.errors.map((e) => e.code), ['ERR_ARCHIVE_DAMAGED']);
    assert.match(result.errors[0]?.message ?? '', /packages\/acme\/module-b-1\.1\.0\.zip \(acme\/module-b@1\.1\.0\) is damaged and was not restored: this build no longer builds its version/);
    const metadata = (files: Record<string, string>) => Object.entries(files).filter(([f]) => f.startsWith('p2/'));
    assert.deepEqual(metadata(snapshotFiles(out)), metadata(published), 'the metadata still lists the version (errors keep it)');
    repo.cleanup();
  });

  it('--republish of a damaged version restores it', async () => {
    const { repo, out, config, published } = await builtRepository();
    damageFile(join(out, 'packages/acme/module-a-1.0.0.zip'));
    const result = await buildRepo(config, out, { republish: ['acme/module-a@1.0.0'] });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.archiveCheck, { hashed: 1, damaged: ['acme/module-a@1.0.0'], restored: ['acme/module-a@1.0.0'] });
    assert.deepEqual(snapshotFiles(out), published);
    repo.cleanup();
  });
});

describe('temporary files of metadata writes', () => {
  it('those an earlier version (or a kill) left beside published metadata (p2/…json.<pid>.tmp) are deleted by the next build that publishes metadata', async () => {
    const { repo, out, config } = await builtRepository();
    const strays = ['p2/acme/module-a.json.4242.tmp', 'p2/acme/module-a~dev.json.77.1a2b3c4d.0.tmp', 'packages.json.4242.tmp', 'index.html.9.tmp'];
    for (const f of strays) writeFileSync(join(out, f), '{"half":');
    writeFileSync(join(out, 'p2/acme/notes.tmp'), 'not ours');
    const result = await buildRepo({ ...config, baseUrl: 'https://elsewhere.example/' }, out);
    assert.deepEqual(result.errors, []);
    const tmps = Object.keys(snapshotFiles(out, { includeState: true })).filter((f) => f.endsWith('.tmp'));
    assert.deepEqual(tmps, ['p2/acme/notes.tmp'], 'only a file not named after a metadata file is left');
    repo.cleanup();
  });
});

