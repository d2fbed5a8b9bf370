import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createModulesRepo } from '../support/module-repo.js';
import { cliCommand, runCli } from '../support/cli.js';
import { damageFile, snapshotFiles } from '../support/repository-files.js';
import { removeTempDirs, tempDir } from '../app/build-helpers.js';

after(removeTempDirs);



describe('build: damaged state, damaged archives, unusable --out (command line)', () => {
  it('--out where mkdir keeps failing (/proc/repo) ends with exit 7 naming it, not an endless loop', { skip: !existsSync('/proc/self') && 'no /proc' }, () => {
    const repo = createModulesRepo();
    const [program, ...args] = cliCommand(['build', '--source', repo.dir, '--out', '/proc/repo']);
    const run = spawnSync(program as string, args, { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(run.error, undefined, 'it ended on its own');
    assert.equal(run.status, 7, run.stderr);
    assert.match(run.stderr, /ERR_OUTPUT_UNUSABLE: Output directory \/proc\/repo cannot be used/);
    repo.cleanup();
  });

  it('a damaged state.json is exit 7 naming the file and --rebuild-state; --rebuild-state then builds with the published bytes (exit 0)', () => {
    const repo = createModulesRepo();
    const out = join(tempDir(), 'repo');
    assert.equal(runCli(['build', '--source', repo.dir, '--out', out]).code, 0);
    const published = snapshotFiles(out);
    const state = join(out, '.mageos-repo', 'state.json');
    writeFileSync(state, readFileSync(state, 'utf8').slice(0, 200));
    const refused = runCli(['build', '--source', repo.dir, '--out', out]);
    assert.equal(refused.code, 7, refused.stderr);
    assert.match(refused.stderr, new RegExp(`ERR_STATE_DAMAGED: ${state.replaceAll('/', '\\/')} is damaged: not valid JSON at line 1, column 201`));
    assert.match(refused.stderr, /hint: Run the same build again with --rebuild-state/);
    const rebuilt = runCli(['build', '--source', repo.dir, '--out', out, '--rebuild-state']);
    assert.equal(rebuilt.code, 0, rebuilt.stderr + rebuilt.stdout);
    assert.match(rebuilt.stdout, /^archives checked: 7, damaged 0, restored 0$/m);
    assert.match(rebuilt.stdout, /^metadata: 0 file\(s\) written/m);
    assert.deepEqual(snapshotFiles(out), published);
    repo.cleanup();
  });

  it('--check restores an archive whose bytes changed (same size) and exits 0; one it cannot restore is exit 4 with ERR_ARCHIVE_DAMAGED', () => {
    const repo = createModulesRepo();
    const out = join(tempDir(), 'repo');
    assert.equal(runCli(['build', '--source', repo.dir, '--out', out]).code, 0);
    const published = snapshotFiles(out);
    damageFile(join(out, 'packages/acme/module-a-1.0.0.zip'));
    const restored = runCli(['build', '--source', repo.dir, '--out', out, '--check']);
    assert.equal(restored.code, 0, restored.stderr + restored.stdout);
    assert.match(restored.stdout, /^archives checked: 7, damaged 1, restored 1 \(acme\/module-a@1\.0\.0\)$/m);
    assert.deepEqual(snapshotFiles(out), published);
    // A version no longer built (its tag is left out) cannot be rebuilt to its recorded bytes.
    damageFile(join(out, 'packages/acme/module-b-1.1.0.zip'));
    const config = join(tempDir(), 'config.json');
    writeFileSync(config, JSON.stringify({ sources: [{ path: repo.dir, tags: { only: ['1.0.0', '1.0.1'] } }] }));
    const failed = runCli(['build', '--config', config, '--out', out, '--check', '--json']);
    assert.equal(failed.code, 4, failed.stderr);
    const result = JSON.parse(failed.stdout);
    assert.deepEqual(result.archiveCheck, { hashed: 7, damaged: ['acme/module-b@1.1.0'], restored: [] });
    assert.equal(result.errors[0].code, 'ERR_ARCHIVE_DAMAGED');
    repo.cleanup();
  });
});
