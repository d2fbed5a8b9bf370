import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readZipEntries } from '../../src/adapters/zip/zip-reader.js';
import { createSyntheticSource } from '../../src/adapters/synthetic/synthetic-source.js';
import { runCli, startCli } from '../support/cli.js';
import { waitFor } from '../support/wait-for.js';
import { snapshotFiles } from '../support/repository-files.js';
import { removeTempDirs, tempDir } from '../app/build-helpers.js';

after(removeTempDirs);

function zipsUnder(out: string): string[] {
  const dir = join(out, 'packages', 'acme');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.zip')) : [];
}


describe('crash safety', () => {
  let source: string;
  let reference: string;

  before(async () => {
    source = join(tempDir(), 'source');
    await createSyntheticSource({ dir: source, layout: 'modules', vendor: 'acme', packages: 40, tags: ['1.0.0', '1.0.1', '1.1.0', '1.1.1', '1.2.0'], filesPerPackage: 40, seed: 7 });
    reference = join(tempDir(), 'reference');
    const run = runCli(['build', '--source', source, '--out', reference]);
    assert.equal(run.code, 0, run.stderr);
  });

  for (const killAfter of [1, 25]) {
    it(`a build killed with SIGKILL after ${killAfter} archive(s) leaves only complete archives, and the next build finishes with the same bytes`, async () => {
      const out = join(tempDir(), 'killed');
      const { child, done } = startCli(['build', '--source', source, '--out', out, '--concurrency', '2']);
      const reached = await waitFor(() => zipsUnder(out).length >= killAfter, 60_000);
      child.kill('SIGKILL');
      await done;
      assert.ok(reached, 'the build wrote archives before it was killed');
      const written = zipsUnder(out);
      const total = Object.keys(snapshotFiles(reference)).length;
      assert.ok(written.length < total, `killed before the end (${written.length} of ${total})`);
      const expected = snapshotFiles(reference);
      const partial = snapshotFiles(out);
      for (const name of written) {
        const file = `packages/acme/${name}`;
        assert.equal(partial[file], expected[file], `${file} is complete under its final name`);
        await readZipEntries(join(out, file));
      }
      const again = runCli(['build', '--source', source, '--out', out]);
      assert.equal(again.code, 0, again.stderr + again.stdout);
      assert.deepEqual(snapshotFiles(out), expected);
      assert.deepEqual(readdirSync(join(out, '.mageos-repo')).sort(), ['state.json'], 'no lock or scratch files are left');
    });
  }

  it('Ctrl-C (SIGINT) stops a build between two archives with exit 130, leaves no lock or scratch files, and the next build finishes with the same bytes', async () => {
    const out = join(tempDir(), 'interrupted');
    const { child, done } = startCli(['build', '--source', source, '--out', out, '--concurrency', '2']);
    // Archives wait in the scratch space until they are put on disk together: interrupt while they are written.
    const scratch = join(out, '.mageos-repo', 'tmp');
    const reached = await waitFor(() => existsSync(scratch) && readdirSync(scratch).length >= 5, 60_000);
    child.kill('SIGINT');
    const run = await done;
    assert.ok(reached, 'the build wrote archives before it was interrupted');
    assert.equal(run.code, 130, run.stderr);
    assert.match(run.stderr, /ERR_INTERRUPTED: build of .* interrupted: nothing is half-written/);
    assert.deepEqual(readdirSync(join(out, '.mageos-repo')).sort(), ['state.json'], 'no lock or scratch files are left');
    const expected = snapshotFiles(reference);
    const written = zipsUnder(out);
    assert.ok(written.length < Object.keys(expected).length, 'stopped before the end');
    for (const name of written) assert.equal(snapshotFiles(out)[`packages/acme/${name}`], expected[`packages/acme/${name}`]);
    const again = runCli(['build', '--source', source, '--out', out]);
    assert.equal(again.code, 0, again.stderr + again.stdout);
    assert.deepEqual(snapshotFiles(out), expected);
  });

  it('two builds started at once never interleave: one waits out or fails with exit 6, the result is complete', async () => {
    const out = join(tempDir(), 'twice');
    const first = startCli(['build', '--source', source, '--out', out]);
    const second = startCli(['build', '--source', source, '--out', out]);
    const results = await Promise.all([first.done, second.done]);
    const codes = results.map((r) => r.code).sort();
    assert.ok(codes[0] === 0, `one build succeeds: ${JSON.stringify(results.map((r) => r.stderr))}`);
    assert.ok(codes[1] === 0 || codes[1] === 6, `the other succeeds after or fails with 6: ${codes}`);
    if (codes[1] === 6) assert.match(results.find((r) => r.code === 6)?.stderr ?? '', /ERR_LOCKED/);
    assert.deepEqual(snapshotFiles(out), snapshotFiles(reference));
  });

  it('after `rm lock` and a second build, the first stops with ERR_LOCK_LOST (exit 6) and the second publishes a complete repository', async () => {
    const out = join(tempDir(), 'repo');
    const first = startCli(['build', '--source', source, '--out', out, '--concurrency', '1']);
    const scratch = join(out, '.mageos-repo', 'tmp');
    const writing = await waitFor(() => existsSync(scratch) && readdirSync(scratch).length >= 3, 60_000);
    assert.ok(writing, 'the first build writes archives');
    rmSync(join(out, '.mageos-repo', 'lock'));
    const second = startCli(['build', '--source', source, '--out', out]);
    const [a, b] = await Promise.all([first.done, second.done]);
    assert.equal(b.code, 0, b.stderr);
    assert.equal(a.code, 6, a.stderr + a.stdout);
    assert.match(a.stderr, /ERR_LOCK_LOST: build of .* stopped: its lock .* was (deleted|taken over by build pid \d+)/);
    assert.deepEqual(snapshotFiles(out), snapshotFiles(reference));
    const verify = runCli(['verify', 'integrity', out]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  });
});
