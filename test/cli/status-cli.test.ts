import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { StatusDocument } from '../../src/core/status/status-document.js';
import { summarizeStatus } from '../../src/core/status/status-summary.js';
import { statusBadge } from '../../src/core/web/status-badge.js';
import { statusPage } from '../../src/core/web/status-page.js';
import { removeTempDirs, tempDir } from '../app/build-helpers.js';
import { runCli } from '../support/cli.js';
import { sampleStatusDocument } from '../support/status-sample.js';

after(removeTempDirs);

/** A repository directory holding `document` (or this text) as its status.json. */
function repositoryWith(document: StatusDocument | string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'status.json'), typeof document === 'string' ? document : `${JSON.stringify(document, null, 2)}\n`);
  return dir;
}

describe('mageos-repo status (command line)', () => {
  const failing = sampleStatusDocument();
  const installable: StatusDocument = { ...failing, nights: failing.nights.slice(1) };

  it('exit 0 when the served nightly is installable, with the verdict and the last nights on stdout', () => {
    const run = runCli(['status', repositoryWith(installable), '--nights', '3']);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], 'nightly of https://upstream-nightly.mage-os.org/: installable');
    assert.equal(lines[1], 'Serving 2026-12-06, installable since 2026-12-03.');
    assert.match(lines[3] ?? '', /^night {7}result {6}duration {5}built {3}reused {2}checks$/);
    assert.match(lines[4] ?? '', /^2026-12-06 {2}published {3}17 min 8 s {7}4 {6}408 {2}build passed, integrity passed, install passed$/);
    assert.match(run.stdout, /\(3 of 13 nights; --nights 13 shows them all\)\n$/);
    assert.equal(run.stderr, '');
  });

  it('exit 8 when the newest night failed (with why) or no night was ever published, for monitoring', () => {
    const run = runCli(['status', repositoryWith(failing)]);
    assert.equal(run.code, 8);
    assert.match(run.stdout, /: failing\nThe newest night, 2026-12-07, failed; still serving 2026-12-06, installable since 2026-12-03\.\n/);
    assert.match(run.stdout, /\n2026-12-07 {2}failed .*install failed\n {12}install: composer create-project exited with 2\n/);
    const none = runCli(['status', repositoryWith({ ...failing, served: null })]);
    assert.equal(none.code, 8);
    assert.match(none.stdout, /: none\nNo nightly has been published yet; the newest night, 2026-12-07, failed\./);
  });

  it('exit 9 when status.json is missing or invalid, naming the file and each problem', () => {
    const missing = runCli(['status', tempDir()]);
    assert.equal(missing.code, 9);
    assert.match(missing.stderr, /ERR_STATUS_UNREADABLE: cannot read .*status\.json: no such file/);
    const broken = { ...failing, nights: [{ ...failing.nights[0], durationMs: -1 }] };
    const invalid = runCli(['status', repositoryWith(JSON.stringify(broken)), '--json']);
    assert.equal(invalid.code, 9);
    const report = JSON.parse(invalid.stdout);
    assert.equal(report.ok, false);
    assert.equal(report.error.code, 'ERR_STATUS_INVALID');
    assert.deepEqual(report.error.details, [{ path: '$.nights[0].durationMs', message: 'must have at least 0' }]);
    assert.equal(runCli(['status', tempDir(), '--nights', '0']).code, 2);
  });

  it('--json prints ok, the summary and every night, newest first', () => {
    const run = runCli(['status', repositoryWith(failing), '--json']);
    assert.equal(run.code, 8);
    const result = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(result), ['ok', 'repository', 'summary', 'nights']);
    assert.equal(result.ok, false);
    assert.deepEqual(result.summary, summarizeStatus(failing));
    assert.deepEqual(result.nights, failing.nights);
  });

  it('--write (re)writes status.html and badge.svg from status.json, the same bytes each time', () => {
    const dir = repositoryWith(installable);
    writeFileSync(join(dir, 'status.html'), 'old page');
    const run = runCli(['status', dir, '--write', '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout).written, [join(dir, 'status.html'), join(dir, 'badge.svg')]);
    assert.match(run.stderr, /wrote .*status\.html\nwrote .*badge\.svg\n/);
    const page = readFileSync(join(dir, 'status.html'), 'utf8');
    assert.equal(page, statusPage(installable));
    assert.equal(readFileSync(join(dir, 'badge.svg'), 'utf8'), statusBadge(summarizeStatus(installable)));
    assert.equal(runCli(['status', dir, '--write']).code, 0);
    assert.equal(readFileSync(join(dir, 'status.html'), 'utf8'), page);
    assert.deepEqual(readdirSync(dir).sort(), ['badge.svg', 'status.html', 'status.json'], 'no temporary file left');
  });

  it('--write into a directory it cannot write is exit 7 naming the file', () => {
    const dir = repositoryWith(installable);
    mkdirSync(join(dir, 'badge.svg', 'x'), { recursive: true });
    const run = runCli(['status', dir, '--write']);
    assert.equal(run.code, 7, run.stderr);
    assert.match(run.stderr, /ERR_OUTPUT_UNUSABLE: cannot write .*badge\.svg/);
  });

  it('never sends control characters from status.json to the terminal', () => {
    const night = { ...failing.nights[0], error: { code: 'ERR_X', message: 'red \u001b[31mtext\u0007' } } as StatusDocument['nights'][0];
    const run = runCli(['status', repositoryWith({ ...failing, nights: [night] })]);
    assert.equal(run.code, 8);
    assert.ok(run.stdout.includes('ERR_X: red \\u001b[31mtext\\u0007'), run.stdout);
    assert.doesNotMatch(run.stdout, /[\u0000-\u0009\u000b-\u001f]/);
  });
});
