import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, startCli } from '../support/cli.js';
import { makeTempDir } from '../support/git-fixture.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = makeTempDir('mageos-serve-cli-');
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Resolves with the first stdout line matching `pattern`, or rejects when the process ends without one. */
function waitForLine(child: ReturnType<typeof startCli>['child'], pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(pattern);
      if (match) {
        child.stdout.off('data', onData);
        resolve(match);
      }
    };
    child.stdout.on('data', onData);
    child.once('close', () => reject(new Error(`the command ended before printing ${pattern}; stdout: ${seen}`)));
  });
}

describe('mageos-repo serve (command line)', () => {
  it('serves a repository under a prefix, logs requests on stderr and exits 0 on SIGTERM', async () => {
    const dir = tempDir();
    const packagesJson = '{"packages":[]}';
    writeFileSync(join(dir, 'packages.json'), packagesJson);
    const { child, done } = startCli(['serve', dir, '--port', '0', '--prefix', 'mirror']);
    try {
      const [, served, url] = await waitForLine(child, /^Serving (.+) at (http:\/\/127\.0\.0\.1:\d+\/mirror\/)\n/m);
      assert.equal(served, dir);
      const reply = await fetch(`${url}packages.json`);
      assert.equal(reply.status, 200);
      assert.equal(await reply.text(), packagesJson);
      assert.equal((await fetch(`${url}.mageos-repo/state.json`)).status, 404);
    } finally {
      child.kill('SIGTERM');
    }
    const run = await done;
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^GET \/mirror\/packages\.json 200 \d+ B [\d.]+ ms$/m);
  });

  it('--quiet serves without a request log; SIGINT also stops it cleanly', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'packages.json'), '{}');
    const { child, done } = startCli(['serve', dir, '--port', '0', '--quiet']);
    try {
      const [, url] = await waitForLine(child, /at (http:\/\/127\.0\.0\.1:\d+\/)\n/);
      assert.equal((await fetch(`${url}packages.json`)).status, 200);
    } finally {
      child.kill('SIGINT');
    }
    const run = await done;
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
  });

  it('a missing directory exits 2 and names it', () => {
    const missing = join(tempDir(), 'no-such-repo');
    const run = runCli(['serve', missing, '--port', '0']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /ERR_USAGE/);
    assert.ok(run.stderr.includes(missing), run.stderr);
  });

  it('a directory without packages.json exits 2 and says how to build one', () => {
    const run = runCli(['serve', tempDir(), '--port', '0']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /holds no packages\.json/);
    assert.match(run.stderr, /mageos-repo build/);
  });

  it('a port that is not a whole number from 0 to 65535 exits 2', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'packages.json'), '{}');
    for (const port of ['65536', '-1', '80.5', 'http']) {
      const run = runCli(['serve', dir, '--port', port]);
      assert.equal(run.code, 2, port);
      assert.match(run.stderr, /is not a port number/, port);
    }
  });
});
