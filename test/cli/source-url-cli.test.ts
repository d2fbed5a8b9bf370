import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createModulesRepo } from '../support/module-repo.js';
import { runCli } from '../support/cli.js';
import { removeTempDirs, tempDir } from '../app/build-helpers.js';

after(removeTempDirs);

/** A directory of bare clones, as a host keeps its copies of the upstream repositories: <dir>/modules.git. */
function bareClones(): { dir: string; cleanup: () => void } {
  const repo = createModulesRepo();
  const dir = tempDir();
  execFileSync('git', ['clone', '--quiet', '--bare', repo.dir, join(dir, 'modules.git')]);
  return { dir, cleanup: repo.cleanup };
}

/** A base config whose source lives on a host the tests cannot reach, and a config extending it. */
function configs(extra: Record<string, unknown>): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'base.json'), JSON.stringify({ title: 'Acme', sources: [{ name: 'acme', url: 'https://git.invalid/acme-corp/modules.git' }] }));
  writeFileSync(join(dir, 'mine.json'), JSON.stringify({ extends: './base.json', ...extra }));
  return join(dir, 'mine.json');
}

describe('pointing a config at your own git server (command line)', () => {
  it('urlRewrites read every source from a directory of bare clones; --dry-run shows the effective sources, then the build uses them', () => {
    const clones = bareClones();
    const config = configs({ urlRewrites: { 'https://git.invalid/': 'https://other.invalid/', 'https://git.invalid/acme-corp/': `${clones.dir}/` } });
    const out = join(tempDir(), 'repo');
    const dry = runCli(['build', '--config', config, '--out', out, '--dry-run', '--no-progress']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, new RegExp(`effective sources:\\n  source acme  ${join(clones.dir, 'modules.git').replaceAll('/', '\\/')} \\(local\\)`));
    const json = runCli(['build', '--config', config, '--out', out, '--dry-run', '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual((JSON.parse(json.stdout) as { effectiveSources: unknown }).effectiveSources, [{ kind: 'source', name: 'acme', path: join(clones.dir, 'modules.git') }]);
    assert.ok(!existsSync(join(out, 'packages.json')), 'a dry run writes nothing');
    const built = runCli(['build', '--config', config, '--out', out, '--json']);
    assert.equal(built.code, 0, built.stderr);
    assert.ok(existsSync(join(out, 'p2/acme/module-a.json')));
    assert.equal((JSON.parse(built.stdout) as Record<string, unknown>).effectiveSources, undefined, 'only a dry run lists them');
    clones.cleanup();
  });

  it('--source-url points one named source at a bare clone, and an unknown name is a usage error listing the names', () => {
    const clones = bareClones();
    const config = configs({});
    const out = join(tempDir(), 'repo');
    const built = runCli(['build', '--config', config, '--source-url', `acme=${join(clones.dir, 'modules.git')}`, '--out', out, '--json']);
    assert.equal(built.code, 0, built.stderr);
    assert.ok(existsSync(join(out, 'p2/acme/module-b.json')));
    const unknown = runCli(['build', '--config', config, '--source-url', `acmee=${clones.dir}`, '--out', out]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--source-url names source "acmee", which .*mine\.json does not have/);
    assert.match(unknown.stderr, /Its sources: acme/);
    const release = runCli(['release', '1.0.0', '--config', config, '--source-url', `nope=${clones.dir}`, '--out', out]);
    assert.equal(release.code, 2, 'release takes --source-url too');
    assert.match(release.stderr, /source "nope"/);
    clones.cleanup();
  });
});
