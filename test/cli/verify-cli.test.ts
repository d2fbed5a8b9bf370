import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { removeTempDirs, tempDir } from '../app/build-helpers.js';
import { runCli, runCliInTerminal, startCli } from '../support/cli.js';
import { builtModulesRepository, copyRepository, editP2, rewriteArchive, startAuthServer } from '../support/verify-fixtures.js';

after(removeTempDirs);

/** Runs the CLI without blocking the event loop, so an HTTP server in this process can answer it. */
const runCliAsync = (args: string[], env: NodeJS.ProcessEnv = {}) => startCli(args, { env }).done;

describe('mageos-repo verify (command line)', async () => {
  const clean = await builtModulesRepository();
  const cache = ['--cache-dir', join(tempDir(), 'cache')];
  const broken = copyRepository(clean);
  rmSync(join(broken, 'packages/acme/module-a-1.0.0.zip'));
  await rewriteArchive(join(broken, 'packages/acme/module-b-1.0.0.zip'), (entries) => entries.filter((e) => e.name !== 'Api/B.php'));

  it('exit 0 when everything passes, with the verdict first', () => {
    const integrity = runCli(['verify', 'integrity', clean, ...cache]);
    assert.equal(integrity.code, 0, integrity.stderr);
    assert.match(integrity.stdout, /^integrity of .*: 3 packages, 7 versions, 4 archives checked in [\d.]+ s\npassed: no problems found\n$/);
    const parity = runCli(['verify', 'parity', clean, '--against', clean, ...cache]);
    assert.equal(parity.code, 0, parity.stderr);
    assert.match(parity.stdout, /identical 7, differing 0, only in ours 0, only in reference 0\npassed: no differences/);
  });

  it('exit 8 when problems or differences are found, each named', () => {
    const integrity = runCli(['verify', 'integrity', broken, ...cache]);
    assert.equal(integrity.code, 8);
    assert.match(integrity.stdout, /failed: 2 problem\(s\) found/);
    assert.match(integrity.stdout, /acme\/module-a 1\.0\.0\n  archive-missing: the archive .*module-a-1\.0\.0\.zip does not exist/);
    assert.match(integrity.stdout, /acme\/module-b 1\.0\.0\n  shasum-mismatch: the archive's sha1 is [0-9a-f]{40}, the metadata says [0-9a-f]{40}/);
    const parity = runCli(['verify', 'parity', broken, '--against', clean, ...cache]);
    assert.equal(parity.code, 8);
    assert.match(parity.stdout, /identical 5, differing 2/);
    assert.match(parity.stdout, /acme\/module-b 1\.0\.0\n  - Api\/B\.php \(missing: only in the reference\)/);
  });

  it('exit 9 when the check cannot run: no such repository, a reference that is not one, an unreachable URL', () => {
    for (const args of [
      ['verify', 'integrity', join(clean, 'nope')],
      ['verify', 'parity', clean, '--against', join(clean, 'p2')],
      ['verify', 'parity', clean, '--against', 'http://127.0.0.1:9/'],
    ]) {
      const run = runCli([...args, ...cache]);
      assert.equal(run.code, 9, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /ERR_REPOSITORY_UNREADABLE/);
    }
    assert.equal(runCli(['verify', 'parity', clean]).code, 2, '--against is required');
  });

  it('--json prints one stable document: ok, check, counts and the findings', () => {
    const integrity = JSON.parse(runCli(['verify', 'integrity', broken, '--json', ...cache]).stdout);
    assert.deepEqual(Object.keys(integrity), ['ok', 'check', 'repository', 'counts', 'problems', 'notChecked', 'access', 'durationMs']);
    assert.equal(integrity.ok, false);
    assert.deepEqual(integrity.problems.map((p: { kind: string }) => p.kind), ['archive-missing', 'shasum-mismatch']);
    assert.deepEqual(Object.keys(integrity.problems[0]), ['package', 'version', 'kind', 'message', 'details']);
    const parity = JSON.parse(runCli(['verify', 'parity', broken, '--against', clean, '--json', ...cache]).stdout);
    assert.deepEqual(Object.keys(parity), ['ok', 'check', 'repository', 'reference', 'counts', 'differing', 'onlyInOurs', 'onlyInReference', 'problems', 'warnings', 'access', 'durationMs']);
    assert.deepEqual(parity.differing[1], { package: 'acme/module-b', version: '1.0.0', files: { added: [], missing: ['Api/B.php'], changed: [] }, composerJson: [], problems: [] });
    assert.match(parity.differing[0].problems[0], /^our archive .* does not exist$/);
    const failed = JSON.parse(runCli(['verify', 'integrity', join(clean, 'nope'), '--json']).stdout);
    assert.deepEqual([failed.ok, failed.error.code], [false, 'ERR_REPOSITORY_UNREADABLE']);
  });

  it('--html writes a self-contained page: verdict and counts first, details in <details>', () => {
    const page = join(tempDir(), 'parity.html');
    assert.equal(runCli(['verify', 'parity', broken, '--against', clean, '--html', page, ...cache]).code, 8);
    const html = readFileSync(page, 'utf8');
    assert.ok(html.indexOf('Failed') < html.indexOf('<details>'));
    assert.match(html, /<th>differing<\/th><td>2<\/td>/);
    assert.match(html, /<details><summary><b>acme\/module-b 1\.0\.0<\/b> <span class="k">1 difference\(s\)<\/span><\/summary><ul><li>missing \(only in the reference\): <code>Api\/B\.php<\/code><\/li><\/ul><\/details>/);
    assert.doesNotMatch(html, /<(script|link|img)[\s>]|https?:\/\/(?!127)/, 'no external assets');
    const integrityPage = join(tempDir(), 'integrity.html');
    assert.equal(runCli(['verify', 'integrity', clean, '--html', integrityPage, ...cache]).code, 0);
    assert.match(readFileSync(integrityPage, 'utf8'), /Passed/);
  });

  it('reads credentials for an HTTP reference from COMPOSER_AUTH', async () => {
    const root = join(tempDir(), 'served');
    mkdirSync(root);
    const server = await startAuthServer(root, 'bob', 'pw');
    try {
      await builtModulesRepository({ out: root, baseUrl: server.url });
      const home = tempDir();
      const denied = await runCliAsync(['verify', 'parity', clean, '--against', server.url, ...cache], { COMPOSER_HOME: home });
      assert.equal(denied.code, 9);
      const auth = JSON.stringify({ 'http-basic': { '127.0.0.1': { username: 'bob', password: 'pw' } } });
      const run = await runCliAsync(['verify', 'parity', clean, '--against', server.url, ...cache], { COMPOSER_HOME: home, COMPOSER_AUTH: auth });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^http:\/\/127\.0\.0\.1:\d+\/: fetched from http:\/\/127\.0\.0\.1:\d+; no other host was allowed$/m, 'the report says where it fetched from');
    } finally {
      await server.close();
    }
  });

  it('hostile metadata ends in exit 8 with named problems, never exit 1', () => {
    const hostile = copyRepository(clean);
    editP2(hostile, 'acme/module-b', (versions) => {
      (versions[0] as { dist: { url: string } }).dist.url = 'file:///etc/passwd';
      (versions[1] as Record<string, unknown>).require = 'x';
    });
    const run = runCli(['verify', 'integrity', hostile, ...cache]);
    assert.equal(run.code, 8, run.stderr);
    assert.match(run.stdout, /acme\/module-b 1\.1\.0\n {2}dist-refused: the archive file:\/\/\/etc\/passwd is not read: file:\/\/\/etc\/passwd is outside the repository directory/);
    assert.match(run.stdout, /metadata-invalid: "require" is a string, not an object/);
    const notObject = copyRepository(clean);
    writeFileSync(join(notObject, 'packages.json'), '[]');
    const root = runCli(['verify', 'integrity', notObject, ...cache]);
    assert.equal(root.code, 8, root.stderr);
    assert.match(root.stdout, /\(repository\)\n {2}metadata-invalid: .*packages\.json is not a JSON object/);
    const parity = runCli(['verify', 'parity', notObject, '--against', clean, ...cache]);
    assert.equal(parity.code, 8, parity.stderr);
    assert.match(parity.stdout, /problem in ours: \(repository\): .*packages\.json is not a JSON object/);
  });

  it('--allow-host takes host names only (exit 2 otherwise)', () => {
    const bad = runCli(['verify', 'integrity', clean, '--allow-host', 'http://cdn.example/', ...cache]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--allow-host http:\/\/cdn\.example\/ is not a host name/);
  });

  it('shows a progress bar on stderr at a terminal, results on stdout; none with --no-progress or when piped', () => {
    const plain = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]/g, '\n');
    const shown = runCliInTerminal(['verify', 'integrity', clean, ...cache]);
    assert.equal(shown.code, 0, shown.stdout);
    const screen = plain(shown.stdout);
    assert.match(screen, /^metadata \[[░█]+\] 3\/3 \| [\d.]+\/s \| ETA 0s \|/m);
    assert.match(screen, /^archives \[[░█]+\] 4\/4 \|/m);
    assert.match(screen, /^checking \[[░█]+\] 4\/4 \|/m);
    assert.match(shown.stdout, /\x1b\[2K[^]*passed: no problems found/);
    const parity = plain(runCliInTerminal(['verify', 'parity', clean, '--against', clean, ...cache]).stdout);
    assert.match(parity, /^checking \[[░█]+\] 7\/7 \|/m);
    const quiet = runCliInTerminal(['verify', 'integrity', clean, '--no-progress', ...cache]);
    assert.doesNotMatch(quiet.stdout, /\x1b|metadata +\[/);
    const piped = runCli(['verify', 'integrity', clean, ...cache]);
    assert.equal(piped.stderr, '');
  });
});
