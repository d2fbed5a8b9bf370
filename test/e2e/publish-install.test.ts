import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildRepo, removeTempDirs, tempDir } from '../app/build-helpers.js';
import { startCli } from '../support/cli.js';
import { composer } from '../support/composer.js';
import { createModulesRepo, writeMetapackage, writeModule } from '../support/module-repo.js';
import { s3Environment, s3ServerForTests } from '../support/s3-server.js';

const server = s3ServerForTests(['packages'], removeTempDirs);

/** `mageos-repo publish` in a child process, with s3rver's keys; the server SIGKILLs it as it stores the first key matching `killAt`. */
async function publishCli(out: string, prefix: string, killAt?: RegExp) {
  const run = startCli(['publish', out, `s3://packages/${prefix}`, '--endpoint', server().endpoint, '--concurrency', '1', '--json'], { env: s3Environment() });
  if (killAt !== undefined && run.child.pid !== undefined) await server().killOnPut(run.child.pid, killAt);
  return run.done;
}

/** A new Composer project that requires `constraint` of acme/bundle from the repository at `url`; the version installed, or the failure. */
async function install(url: string, constraint: string): Promise<{ code: number; bundle: string | null; output: string }> {
  const work = tempDir();
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'composer.json'), JSON.stringify({ repositories: [{ type: 'composer', url }], config: { 'secure-http': false } }));
  const run = await composer(['require', `acme/bundle:${constraint}`], { cwd: work, home: join(work, 'home') });
  const lock = existsSync(join(work, 'composer.lock')) ? (JSON.parse(readFileSync(join(work, 'composer.lock'), 'utf8')) as { packages: Array<{ name: string; version: string }> }) : null;
  return { code: run.code, bundle: lock?.packages.find((p) => p.name === 'acme/bundle')?.version ?? null, output: run.stdout + run.stderr };
}

describe('a repository published to S3 installs with the real Composer, also after a publish killed midway', () => {
  for (const [phase, killAt] of [
    ['writing the archives', /\.zip$/],
    ['writing the metadata', /\/p2\//],
  ] as const) {
    it(`killed while ${phase}: the bucket still installs the previous release, and the next publish completes it`, async () => {
      const prefix = `mirror-${phase.split(' ')[2]}/`;
      const url = server().url('packages', prefix);
      const source = createModulesRepo();
      const out = join(tempDir(), 'repo');
      const config = { sources: [{ path: source.dir }], baseUrl: url };
      assert.deepEqual((await buildRepo(config, out)).errors, []);
      const first = await publishCli(out, prefix);
      assert.equal(first.code, 0, first.stderr);
      assert.equal((await install(url, '*')).bundle, '1.1.0');
      const served = await (await fetch(`${url}packages.json`)).text();

      writeModule(source, 'ModA', 'acme/module-a', '1.2.0', { 'Model/Thing.php': '<?php class Thing { /* 1.2.0 */ }\n' });
      writeMetapackage(source, 'acme/bundle', { 'acme/module-a': '1.2.0', 'acme/module-b': '1.1.0' });
      source.commit('1.2.0');
      source.tag('1.2.0');
      assert.deepEqual((await buildRepo(config, out)).errors, []);
      const puts = (await server().puts()).length;
      const killed = await publishCli(out, prefix, killAt);
      assert.equal(killed.code, -1, `killed: ${killed.stdout}${killed.stderr}`);
      const written = (await server().puts()).slice(puts);
      assert.ok(written.length >= 1 && !written.includes(`${prefix}packages.json`), `killed before packages.json: ${written.join(', ')}`);
      assert.equal(await (await fetch(`${url}packages.json`)).text(), served, 'the bucket serves the previous packages.json');
      const meanwhile = await install(url, '*');
      assert.equal(meanwhile.code, 0, meanwhile.output);
      assert.match(meanwhile.bundle ?? '', /^1\.(1|2)\.0$/, 'a consistent release installs');

      const resumed = await publishCli(out, prefix);
      assert.equal(resumed.code, 0, resumed.stderr);
      const result = JSON.parse(resumed.stdout) as { uploaded: Array<{ key: string }> };
      const again = result.uploaded.map((u) => u.key);
      assert.ok(written.every((k) => !again.includes(k)), 'what the killed publish wrote is not uploaded again');
      assert.equal(again.at(-2), `${prefix}packages.json`);
      const after = await install(url, '1.2.0');
      assert.equal(after.code, 0, after.output);
      assert.equal(after.bundle, '1.2.0');
      source.cleanup();
    });
  }
});
