import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildRepo, removeTempDirs, tempDir } from '../app/build-helpers.js';
import { runCli } from '../support/cli.js';
import { upstreamSource } from '../app/distribution-fixture.js';

after(removeTempDirs);

describe('mageos-repo release (command line)', () => {
  it('releases one repository with --source, --ref and --vendor, replacing the upstream versions; exit 0, then 5 for other content under the same version', async () => {
    const repo = upstreamSource();
    const upstream = tempDir();
    await buildRepo({ sources: [{ path: repo.dir, name: 'magento2' }] }, upstream);
    const out = join(tempDir(), 'repo');
    const args = ['release', '1.0.0', '--source', repo.dir, '--ref', '2.4.7', '--vendor', 'acme', '--upstream', upstream, '--upstream-version', '2.4.7', '--out', out];
    const run = runCli(args);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^release acme 1\.0\.0: 4 package\(s\) renamed to acme\/\*, based on Magento Open Source 2\.4\.7$/m);
    const a = JSON.parse(readFileSync(join(out, 'p2/acme/module-a.json'), 'utf8')).packages['acme/module-a'][0];
    assert.deepEqual(a.replace, { 'magento/module-a': '100.0.1' });
    const json = JSON.parse(runCli([...args, '--json']).stdout);
    assert.equal(json.upToDate, true, 'the same release again is a no-op');
    const dry = runCli(['release', '1.1.0', '--source', repo.dir, '--ref', '2.4.8', '--vendor', 'acme', '--out', out, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^effective sources:\n {2}source \S+ +\S+ \(local\)$/m, 'a dry run shows where each source is read from');
    const moved = runCli(['release', '1.0.0', '--source', repo.dir, '--ref', '2.4.8', '--vendor', 'acme', '--upstream', upstream, '--upstream-version', '2.4.7', '--out', out]);
    assert.equal(moved.code, 5, moved.stdout + moved.stderr);
    assert.match(moved.stdout, /drift: acme\/module-a 1\.0\.0/);
    repo.cleanup();
  });

  it('--tag-sources writes the release into a branch and tag of the source repository, and says so', async () => {
    const repo = upstreamSource();
    const out = join(tempDir(), 'repo');
    const run = runCli(['release', '1.0.0', '--source', repo.dir, '--ref', '2.4.7', '--vendor', 'acme', '--tag-sources', '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /wrote branch prep-release\/acme-1\.0\.0 and tag acme-1\.0\.0 \([0-9a-f]{12}, \d+ composer\.json file\(s\)\)/);
    const shown = JSON.parse(repo.git(['show', 'acme-1.0.0:app/code/B/composer.json']));
    assert.equal(shown.name, 'acme/module-b');
    assert.equal(shown.version, '1.0.0');
    repo.cleanup();
  });

  it('usage and input errors name what is wrong, with their exit codes', async () => {
    const repo = upstreamSource();
    const out = join(tempDir(), 'repo');
    const half = runCli(['release', '1.0.0', '--source', repo.dir, '--ref', '2.4.7', '--vendor', 'acme', '--upstream', '/nowhere', '--out', out]);
    assert.equal(half.code, 2);
    assert.match(half.stderr, /reads upstream versions from \/nowhere, but no Magento Open Source release is named/);
    const noRef = runCli(['release', '1.0.0', '--source', repo.dir, '--vendor', 'acme', '--out', out]);
    assert.equal(noRef.code, 3);
    assert.match(noRef.stderr, /has no "ref"/);
    const noVendor = runCli(['release', '1.0.0', '--source', repo.dir, '--ref', '2.4.7', '--out', out]);
    assert.equal(noVendor.code, 3);
    assert.match(noVendor.stderr, /needs a "distribution"/);
    const badVersion = runCli(['release', 'one', '--source', repo.dir, '--ref', '2.4.7', '--vendor', 'acme', '--out', out]);
    assert.equal(badVersion.code, 2);
    assert.match(badVersion.stderr, /release version "one" is not a Composer version/);
    repo.cleanup();
  });
});
