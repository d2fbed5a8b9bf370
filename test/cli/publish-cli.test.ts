import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { removeTempDirs, tempDir } from '../app/build-helpers.js';
import { startCli } from '../support/cli.js';
import { s3Environment, s3ServerForTests } from '../support/s3-server.js';
import { builtModulesRepository } from '../support/verify-fixtures.js';

const server = s3ServerForTests(['packages'], removeTempDirs);

const publishCli = (args: string[], env: NodeJS.ProcessEnv = s3Environment()) => startCli(['publish', ...args], { env }).done;

describe('mageos-repo publish (command line)', () => {
  it('prints what it uploaded in order and a summary; again, that the bucket was up to date; --json is the result', async () => {
    const out = await builtModulesRepository({ baseUrl: server().url('packages', 'cli/') });
    const first = await publishCli([out, 's3://packages/cli', '--endpoint', server().endpoint]);
    assert.equal(first.code, 0, first.stderr);
    const lines = first.stdout.trim().split('\n');
    assert.equal(lines[0], 'uploaded (in this order):');
    assert.match(lines.at(-1) as string, /^s3:\/\/packages\/cli\/: uploaded (\d+) of \1 files \([\d.]+ KiB\), 0 unchanged, deleted 0, 0 waiting, in [\d.]+ s$/);
    const at = (key: string) => lines.findIndex((l) => l.startsWith(`  ${key} (`));
    assert.ok(at('cli/packages.json') > 0 && at('cli/packages.json') < at('cli/index.html'), first.stdout);
    const again = await publishCli([out, 's3://packages/cli', '--endpoint', server().endpoint]);
    assert.match(again.stdout, /uploaded 0 of \d+ files \(0 B\), \d+ unchanged, deleted 0, 0 waiting, in [\d.]+ s \(the bucket was up to date\)\n$/);
    const json = await publishCli([out, 's3://packages/cli', '--endpoint', server().endpoint, '--dry-run', '--json']);
    const result = JSON.parse(json.stdout) as Record<string, unknown>;
    assert.deepEqual([result.target, result.endpoint, result.dryRun, result.uploaded, result.deleted], ['s3://packages/cli/', server().endpoint, true, [], []]);
  });

  it('the endpoint may come from AWS_ENDPOINT_URL_S3, as for the aws command', async () => {
    const out = await builtModulesRepository({ baseUrl: server().url('packages', 'env/') });
    const run = await publishCli([out, 's3://packages/env', '--json'], { ...s3Environment(), AWS_ENDPOINT_URL_S3: server().endpoint });
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { endpoint: string }).endpoint, server().endpoint);
  });

  it('exit codes: 2 for a target that is no S3 location, 7 for a directory that is no repository, 10 for a missing bucket', async () => {
    const out = await builtModulesRepository();
    const usage = await publishCli([out, 'packages/mirror']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /error ERR_USAGE: packages\/mirror is not an S3 location: it must start with s3:\/\/\nhint: Write it as s3:\/\/<bucket>\/<prefix>/);
    const notOurs = await publishCli([tempDir(), 's3://packages/x', '--endpoint', server().endpoint]);
    assert.equal(notOurs.code, 7);
    const missing = await publishCli([out, 's3://nowhere/x', '--endpoint', server().endpoint]);
    assert.equal(missing.code, 10);
    assert.match(missing.stderr, /error ERR_PUBLISH: could not list s3:\/\/nowhere\/x\/\*: NoSuchBucket \(HTTP 404\)/);
    assert.match(missing.stderr, /hint: Create the bucket nowhere first/);
    const badOption = await publishCli([out, 's3://packages/x', '--grace-days', 'soon']);
    assert.equal(badOption.code, 2);
    assert.match(badOption.stderr, /--grace-days soon is not a number/);
  });

  it('every option of publish --help is documented in docs/publish.md', async () => {
    const help = await publishCli(['--help']);
    const options = [...help.stdout.matchAll(/^\s+(--[a-z-]+)/gm)].map((m) => m[1] as string).filter((o) => o !== '--help');
    assert.ok(options.length >= 10, help.stdout);
    const doc = readFileSync(join(import.meta.dirname, '../../docs/publish.md'), 'utf8');
    for (const option of options) assert.ok(doc.includes(`\`${option}`), `${option} is in docs/publish.md`);
  });
});
