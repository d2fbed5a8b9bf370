import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli.js';

describe('help and usage errors (command line)', () => {
  it('build --help marks --out as required (in the usage line too) and shows no empty or quoted defaults', () => {
    const run = runCli(['build', '--help']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Usage: mageos-repo build --out <dir> \[options\]$/m);
    assert.match(run.stdout, /--out <dir> +repository directory to create or update\s+\(required\)/);
    assert.match(run.stdout, /--concurrency <n> +archives written at once \(default: 4\)/);
    assert.doesNotMatch(run.stdout, /default: \[\]|default: "/);
  });

  it('verify parity --help marks --against as required; serve --help shows its defaults unquoted', () => {
    assert.match(runCli(['verify', 'parity', '--help']).stdout, /^Usage: mageos-repo verify parity --against <reference> \[options\] <repo>$/m);
    assert.match(runCli(['serve', '--help']).stdout, /--port <port> +port to listen on, 0 for any free port \(default: 8080\)/);
  });

  it('an unknown option is named as unknown with the option it resembles, even when a required option is missing too', () => {
    const run = runCli(['build', '--output', 'x']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "error: unknown option '--output' (did you mean --out?)\nhint: see `mageos-repo build --help`\n");
    assert.equal(run.stdout, '');
  });

  it('a usage error is one line and a pointer to --help, not the whole help', () => {
    const missing = runCli(['build']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, "error: required option '--out <dir>' not specified\nhint: see `mageos-repo build --help`\n");
    const parity = runCli(['verify', 'parity', 'repo']);
    assert.equal(parity.code, 2);
    assert.equal(parity.stderr, "error: required option '--against <reference>' not specified\nhint: see `mageos-repo verify parity --help`\n");
    const command = runCli(['bild']);
    assert.equal(command.code, 2);
    assert.equal(command.stderr, "error: unknown command 'bild' (did you mean build?)\nhint: see `mageos-repo --help`\n");
  });

  it('profiles shows what each built-in profile builds, in one line, with its file', () => {
    const listed = JSON.parse(runCli(['profiles', '--json']).stdout) as Array<{ name: string; file: string; description: string }>;
    assert.deepEqual(listed.map((p) => p.name), ['mageos', 'mageos-nightly', 'mirror', 'security-package', 'upstream-nightly']);
    for (const profile of listed) assert.match(profile.description, /^[^\n]{20,140}$/, profile.name);
    const text = runCli(['profiles']).stdout;
    assert.match(text, /^mirror +Keyless mirror of Magento Open Source.*\n +\S+profiles\/mirror\.json$/m);
  });
});
