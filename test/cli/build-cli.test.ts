import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { acquireBuildLock } from '../../src/adapters/fs/build-lock.js';
import { createRepo } from '../support/git-fixture.js';
import { createModulesRepo } from '../support/module-repo.js';
import { runCli, runCliInTerminal, startCli } from '../support/cli.js';
import { snapshotFiles } from '../support/repository-files.js';
import { removeTempDirs, tempDir } from '../app/build-helpers.js';

after(removeTempDirs);

describe('mageos-repo build (command line)', () => {
  it('zero-config: --source and --out build a repository; --json prints a machine-readable summary', () => {
    const repo = createModulesRepo();
    const out = join(tempDir(), 'repo');
    const run = runCli(['build', '--source', repo.dir, '--out', out, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.equal(result.counts.built, 7);
    assert.equal(result.counts.planned, 7);
    const again = runCli(['build', '--source', repo.dir, '--out', out]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /up to date: nothing to do/);
    repo.cleanup();
  });

  it('a terminal gets a progress bar on stderr (done/total, rate, time left) that clears before the summary; a pipe or --no-progress gets none', () => {
    const repo = createModulesRepo();
    const plain = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]/g, '\n');
    const shown = runCliInTerminal(['build', '--source', repo.dir, '--out', join(tempDir(), 'repo')]);
    assert.equal(shown.code, 0, shown.stdout);
    const screen = plain(shown.stdout);
    assert.match(screen, /^planning \[[░█]+\] 3\/3 \| [\d.]+\/s \| ETA 0s \|/m);
    assert.match(screen, /^writing  \[[░█]+\] 7\/7 \| [\d.]+\/s \| ETA 0s \|/m);
    assert.match(screen, /^writing  \[[░█]+\] 0\/7 \| 0\/s \| ETA - \|/m);
    // Cleared (erase-line) before the summary is printed.
    assert.match(shown.stdout, /\x1b\[2K[^]*built 7/);
    const quiet = runCliInTerminal(['build', '--source', repo.dir, '--out', join(tempDir(), 'repo'), '--no-progress']);
    assert.equal(quiet.code, 0, quiet.stdout);
    assert.doesNotMatch(quiet.stdout, /\x1b|writing +\[/);
    assert.match(quiet.stdout, /built 7/);
    const piped = runCli(['build', '--source', repo.dir, '--out', join(tempDir(), 'repo')]);
    assert.equal(piped.code, 0, piped.stderr);
    assert.doesNotMatch(piped.stderr, /\x1b|writing +\[/);
    assert.match(piped.stdout, /built 7/);
    repo.cleanup();
  });

  it('says which tags did not become releases and why (not a version, a tag of a tree or a blob), and warns about a release with no package', () => {
    const repo = createModulesRepo();
    repo.tag('1.2.0', { target: 'HEAD^{tree}' });
    repo.tag('1.2.1', { annotated: true, target: 'HEAD:README.md' });
    repo.tag('nightly');
    repo.git(['rm', '-r', '-q', 'ModA', 'ModB', '_metapackage']);
    repo.commit('nothing left');
    repo.tag('2.0.0');
    const out = join(tempDir(), 'repo');
    const text = runCli(['build', '--source', repo.dir, '--out', out]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^source \S+: 4 release\(s\), 3 tag\(s\) ignored$/m);
    assert.match(text.stdout, /^ {2}ignored \(points to a tree, not a commit\): 1\.2\.0$/m);
    assert.match(text.stdout, /^ {2}ignored \(points to a blob, not a commit\): 1\.2\.1$/m);
    assert.match(text.stdout, /^ {2}ignored \(not a Composer release version\): nightly$/m);
    assert.match(text.stdout, /^warning: \S+ 2\.0\.0: no package: the package rules found no composer\.json in this release$/m);
    const json = JSON.parse(runCli(['build', '--source', repo.dir, '--out', join(tempDir(), 'repo'), '--json']).stdout);
    assert.deepEqual(json.sources[0].ignoredTags, [
      { tag: '1.2.0', reason: 'points to a tree, not a commit' },
      { tag: '1.2.1', reason: 'points to a blob, not a commit' },
      { tag: 'nightly', reason: 'not a Composer release version' },
    ]);
    repo.cleanup();
  });

  it('a source with no release is a warning that says why; an --out that is a file exits 7 naming it', () => {
    const repo = createRepo();
    repo.writeFile('composer.json', JSON.stringify({ name: 'acme/lib' }));
    repo.commit('no tags yet');
    const out = join(tempDir(), 'repo');
    const untagged = runCli(['build', '--source', repo.dir, '--out', out]);
    assert.equal(untagged.code, 0, untagged.stderr);
    assert.match(untagged.stdout, /^warning: \S+: no release: the source has no tags$/m);
    repo.tag('latest');
    assert.match(runCli(['build', '--source', repo.dir, '--out', out]).stdout, /^warning: \S+: no release: none of its 1 tag\(s\) is one \(see the ignored tags\)$/m);
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a directory');
    const onFile = runCli(['build', '--source', repo.dir, '--out', file]);
    assert.equal(onFile.code, 7);
    assert.match(onFile.stderr, new RegExp(`ERR_OUTPUT_UNUSABLE: Output directory ${file} is a file`));
    assert.match(onFile.stderr, /hint: Give --out a directory path\./);
    assert.doesNotMatch(onFile.stderr, /internal error|at async/);
    assert.equal(readFileSync(file, 'utf8'), 'not a directory');
    repo.cleanup();
  });

  it('a reader that stops early (| head) ends nothing badly: no stack trace, the exit code is the build\'s', async () => {
    const repo = createModulesRepo();
    const { child, done } = startCli(['build', '--source', repo.dir, '--out', join(tempDir(), 'repo'), '--dry-run']);
    child.stdout.destroy();
    const run = await done;
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /EPIPE|Unhandled|Error/);
    repo.cleanup();
  });

  it('the installed bin (the bundled CLI that npm ci builds) prints its version, lists profiles and builds like the sources', () => {
    const bin = fileURLToPath(new URL('../../bin/mageos-repo.js', import.meta.url));
    const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const version = run(['--version']);
    assert.equal(version.status, 0, `${version.stderr} (is dist/bundle missing? run npm run build)`);
    assert.equal(version.stdout.trim(), JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')).version);
    assert.match(run(['profiles']).stdout, /^security-package +Magento's security package .*\n +\S*profiles\/security-package\.json$/m);
    const repo = createModulesRepo();
    const [bundled, fromSource] = [join(tempDir(), 'repo'), join(tempDir(), 'repo')];
    const built = run(['build', '--source', repo.dir, '--out', bundled]);
    assert.equal(built.status, 0, built.stderr);
    assert.equal(runCli(['build', '--source', repo.dir, '--out', fromSource]).code, 0);
    assert.deepEqual(snapshotFiles(bundled), snapshotFiles(fromSource));
    repo.cleanup();
  });

  it('archives are byte-identical whatever the time zone and locale', () => {
    const repo = createModulesRepo();
    const a = join(tempDir(), 'a');
    const b = join(tempDir(), 'b');
    assert.equal(runCli(['build', '--source', repo.dir, '--out', a], { env: { TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' } }).code, 0);
    assert.equal(runCli(['build', '--source', repo.dir, '--out', b], { env: { TZ: 'America/Los_Angeles', LANG: 'C', LC_ALL: 'C' } }).code, 0);
    assert.deepEqual(snapshotFiles(a), snapshotFiles(b));
    repo.cleanup();
  });

  it('an invalid config exits 3 and names every problem by JSON path', () => {
    const dir = tempDir();
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ sources: [{ path: '.', fixes: [{ action: 'skip', package: 'a/b', reason: 'r' }] }], format: 'rar' }));
    const run = runCli(['build', '--config', file, '--out', join(dir, 'out')]);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /ERR_CONFIG_INVALID/);
    assert.match(run.stderr, /\$\.format: /);
    assert.match(run.stderr, /\$\.sources\[0\]\.fixes\[0\]: a fix needs "version", "versions", "constraint" or "tag"/);
    writeFileSync(file, '{\n  "sources": [\n    { "path": "." },\n  ]\n}\n');
    const broken = runCli(['build', '--config', file, '--out', join(dir, 'out')]);
    assert.equal(broken.code, 3);
    assert.match(broken.stderr, /is not valid JSON at line 4, column 3: unexpected "\]"/);
    // A byte order mark, as some editors write, is not an error.
    writeFileSync(file, `\uFEFF${JSON.stringify({ sources: [{ path: dir }], format: 'nope' })}`);
    assert.match(runCli(['build', '--config', file, '--out', join(dir, 'out')]).stderr, /\$\.format: /);
  });

  it('usage errors exit 2: no source, an unknown option, a source that is neither a directory nor a URL', () => {
    assert.equal(runCli(['build', '--out', tempDir()]).code, 2);
    assert.equal(runCli(['build', '--bogus']).code, 2);
    const run = runCli(['build', '--source', '/no/such/dir', '--out', tempDir()]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /neither an existing directory nor a git URL/);
  });

  it('an unknown profile exits 3 and lists the known ones', () => {
    const run = runCli(['build', '--profile', 'nope', '--out', tempDir()]);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /Known profiles: .*security-package/);
  });

  it('a source error exits 4 naming source, tag and path; --keep-going builds the rest and still exits 4', () => {
    const repo = createModulesRepo();
    repo.writeFile('ModB/composer.json', '{"description": "no name"}');
    repo.commit('nameless');
    repo.tag('1.2.0');
    const out = join(tempDir(), 'repo');
    const failed = runCli(['build', '--source', repo.dir, '--out', out]);
    assert.equal(failed.code, 4);
    assert.match(failed.stderr, /ModB\/composer\.json at 1\.2\.0 of source "mageos-repo-[^"]+" has no "name"/);
    const kept = runCli(['build', '--source', repo.dir, '--out', out, '--keep-going']);
    assert.equal(kept.code, 4);
    assert.match(kept.stdout, /built 7, reused 0, skipped 0, failed 1/);
    repo.cleanup();
  });

  it('drift exits 5; --republish accepts the new bytes', () => {
    const repo = createModulesRepo();
    const out = join(tempDir(), 'repo');
    assert.equal(runCli(['build', '--source', repo.dir, '--out', out]).code, 0);
    repo.writeFile('ModA/Model/Thing.php', '<?php // changed without a version bump\n');
    repo.commit('retag');
    repo.git(['tag', '-f', '1.0.1']);
    const drift = runCli(['build', '--source', repo.dir, '--out', out]);
    assert.equal(drift.code, 5);
    assert.match(drift.stdout, /drift: acme\/module-a 1\.0\.1 .* would change/);
    assert.match(drift.stdout, /~ Model\/Thing\.php/);
    assert.match(drift.stdout, /drift: acme\/bundle 1\.0\.1 .* would change/);
    const republished = runCli(['build', '--source', repo.dir, '--out', out, '--republish', 'acme/module-a@1.0.1', '--republish', 'acme/bundle@1.0.1']);
    assert.equal(republished.code, 0, republished.stdout + republished.stderr);
    repo.cleanup();
  });

  it('a second build into the same output fails fast with exit 6 while the first holds the lock', async () => {
    const repo = createModulesRepo();
    const out = join(tempDir(), 'repo');
    assert.equal(runCli(['build', '--source', repo.dir, '--out', out]).code, 0);
    const lock = await acquireBuildLock(join(out, '.mageos-repo', 'lock'), out);
    try {
      const started = Date.now();
      const run = runCli(['build', '--source', repo.dir, '--out', out]);
      assert.equal(run.code, 6);
      assert.match(run.stderr, new RegExp(`being written by build pid ${process.pid}`));
      assert.ok(Date.now() - started < 10_000);
    } finally {
      await lock.release();
    }
    repo.cleanup();
  });

  it('a lock left by a killed build does not block the next build', () => {
    const repo = createModulesRepo();
    const out = join(tempDir(), 'repo');
    assert.equal(runCli(['build', '--source', repo.dir, '--out', out]).code, 0);
    writeFileSync(join(out, '.mageos-repo', 'lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), started: 'then' }));
    assert.equal(runCli(['build', '--source', repo.dir, '--out', out]).code, 0);
    repo.cleanup();
  });

  it('a lock whose build was killed but not yet reaped (a zombie process) does not block the next build', { skip: process.platform !== 'linux' }, async () => {
    const repo = createModulesRepo();
    const out = join(tempDir(), 'repo');
    assert.equal(runCli(['build', '--source', repo.dir, '--out', out]).code, 0);
    // The shell's background child ends at once; the shell then becomes "sleep", which never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const [line] = (await once(parent.stdout, 'data')) as [Buffer];
      const zombie = Number(line.toString().trim());
      const state = () => readFileSync(`/proc/${zombie}/stat`, 'utf8').replace(/^.*\) /s, '').charAt(0);
      for (let i = 0; i < 100 && state() !== 'Z'; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(state(), 'Z');
      writeFileSync(join(out, '.mageos-repo', 'lock'), JSON.stringify({ pid: zombie, host: hostname(), started: 'then' }));
      const run = runCli(['build', '--source', repo.dir, '--out', out]);
      assert.equal(run.code, 0, run.stderr);
    } finally {
      parent.kill('SIGKILL');
    }
    repo.cleanup();
  });

  it('an output directory that is not a repository exits 7 and is left alone', () => {
    const repo = createModulesRepo();
    const out = tempDir();
    writeFileSync(join(out, 'index.php'), '<?php');
    const run = runCli(['build', '--source', repo.dir, '--out', out]);
    assert.equal(run.code, 7);
    assert.deepEqual(readdirSync(out), ['index.php']);
    repo.cleanup();
  });

  it('a remote source is cloned into the cache, fetched on the next build, --offline builds from the cache, and --keep-going builds from it when fetching fails', () => {
    const upstream = createModulesRepo();
    const bare = createRepo({ bare: true });
    upstream.git(['push', '--quiet', '--tags', bare.dir, 'main']);
    const url = `file://${bare.dir}`;
    const cache = join(tempDir(), 'cache');
    const out = join(tempDir(), 'repo');
    const first = runCli(['build', '--source', url, '--out', out, '--cache-dir', cache, '--json']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(JSON.parse(first.stdout).sources[0].fetched, true);
    assert.equal(readdirSync(cache).filter((n) => n.endsWith('.git')).length, 1);
    const bump = (from: string, to: string, tag: string) => {
      upstream.writeFile('ModA/composer.json', upstream.git(['show', `HEAD:ModA/composer.json`]).replace(`"${from}"`, `"${to}"`));
      upstream.writeFile('_metapackage/composer.json', upstream.git(['show', `HEAD:_metapackage/composer.json`]).replace(`"acme/module-a": "${from}"`, `"acme/module-a": "${to}"`));
      upstream.commit(tag);
      upstream.tag(tag);
      upstream.git(['push', '--quiet', '--tags', bare.dir, 'main']);
    };
    bump('1.0.1', '1.0.2', '1.1.1');
    const fetched = runCli(['build', '--source', url, '--out', out, '--cache-dir', cache, '--json']);
    assert.equal(fetched.code, 0, fetched.stderr);
    assert.equal(JSON.parse(fetched.stdout).counts.built, 2, 'the new tag was fetched into the cache and built');
    bump('1.0.2', '1.0.3', '1.1.2');
    bare.cleanup();
    const offline = runCli(['build', '--source', url, '--out', out, '--cache-dir', cache, '--offline', '--json']);
    assert.equal(offline.code, 0, offline.stderr);
    assert.equal(JSON.parse(offline.stdout).sources[0].fetched, false);
    assert.equal(JSON.parse(offline.stdout).upToDate, true, 'offline builds see only what the cache has');
    assert.equal(existsSync(join(out, 'packages/acme/module-a-1.0.3.zip')), false);
    // The remote is gone: a build fails, unless --keep-going builds it from the cache clone as it stands.
    const failing = runCli(['build', '--source', url, '--out', out, '--cache-dir', cache]);
    assert.equal(failing.code, 4);
    assert.match(failing.stderr, /could not fetch/);
    const stale = runCli(['build', '--source', url, '--out', out, '--cache-dir', cache, '--keep-going', '--json']);
    assert.equal(stale.code, 4, stale.stderr);
    const report = JSON.parse(stale.stdout);
    assert.equal(report.sources[0].stale, true);
    assert.equal(report.sources[0].fetched, false);
    assert.match(report.errors[0].message, /could not fetch/);
    assert.ok(report.warnings.some((w: { message: string }) => /cache clone as the last successful fetch left it/.test(w.message)));
    assert.equal(existsSync(join(out, 'packages/acme/module-a-1.0.2.zip')), true, 'what was published stays');
    assert.match(readFileSync(join(out, 'p2', 'acme', 'module-a.json'), 'utf8'), /"1\.0\.2"/);
    const missing = runCli(['build', '--source', url, '--out', out, '--cache-dir', join(tempDir(), 'empty'), '--offline']);
    assert.equal(missing.code, 4);
    assert.match(missing.stderr, /no cached clone/);
    upstream.cleanup();
  });
});
