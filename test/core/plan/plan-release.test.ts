import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/core/config/parse-config.js';
import type { Fix } from '../../../src/core/config/schema.js';
import { MageosError } from '../../../src/core/errors.js';
import { discoverPackages } from '../../../src/core/plan/package-discovery.js';
import { PackagePlanMemo, type PriorPlans } from '../../../src/core/plan/package-plan-memo.js';
import { fileReads, planRelease, type ReleaseInput, type ReleasePlan } from '../../../src/core/plan/plan-release.js';
import { flatReleaseTree } from '../../../src/core/plan/release-tree.js';
import type { ReleaseRef, TreeFile } from '../../../src/core/plan/types.js';

const release: ReleaseRef = { source: 'pkgs', tag: '1.2.0', ref: 'refs/tags/1.2.0', version: '1.2.0', commit: 'c0ffee', tree: 'tree', time: 1650000000 };

function input(files: Record<string, string | { mode: string; text?: string }>, fixes: unknown[] = [], extra: Partial<ReleaseInput> = {}): ReleaseInput {
  const tree: TreeFile[] = Object.entries(files).map(([path, v]) => ({
    path,
    mode: typeof v === 'string' ? '100644' : v.mode,
    type: typeof v !== 'string' && v.mode === '160000' ? 'commit' : 'blob',
    oid: `oid:${path}`,
  }));
  const texts = new Map(Object.entries(files).map(([path, v]) => [`oid:${path}`, typeof v === 'string' ? v : (v.text ?? '')]));
  const config = parseConfig({ sources: [{ path: '/x', fixes }] }, 'test');
  return {
    release,
    tree: flatReleaseTree(tree),
    candidates: discoverPackages(flatReleaseTree(tree), [{ type: 'auto' }]).candidates,
    composerJsonText: (oid) => texts.get(oid) ?? '',
    fixes: (config.sources[0]?.fixes ?? []) as Fix[],
    usedFixes: new Set(),
    config,
    fileAt: () => undefined,
    ...extra,
  };
}

const module = (name: string, more: Record<string, unknown> = {}) => JSON.stringify({ name, description: 'd', ...more, autoload: {} }, null, 4) + '\n';

describe('planning one release', () => {
  it('takes the version from composer.json, else from the tag, and writes it into composer.json', () => {
    const plan = planRelease(input({ 'A/composer.json': module('v/a', { version: '1.0.3' }), 'A/x.php': '<?php', 'B/composer.json': module('v/b') }));
    assert.deepEqual(plan.errors, []);
    const [a, b] = plan.artifacts;
    assert.equal(a?.version, '1.0.3');
    assert.equal(a?.composerJson, JSON.stringify({ name: 'v/a', description: 'd', version: '1.0.3', autoload: {} }, null, 2));
    assert.equal(b?.version, '1.2.0');
    assert.equal(b?.composerJson.endsWith('"version": "1.2.0"\n}'), true, 'a missing version is added as the last key');
    assert.deepEqual(a?.files, [{ path: 'x.php', oid: 'oid:A/x.php', executable: false }]);
  });

  it('a metapackage holds only its composer.json', () => {
    const plan = planRelease(input({ '_metapackage/composer.json': module('v/meta', { type: 'metapackage' }), '_metapackage/README.md': 'r' }));
    assert.equal(plan.artifacts[0]?.kind, 'metapackage');
    assert.deepEqual(plan.artifacts[0]?.files, []);
  });

  it('applies set-version, edit-links and skip fixes and marks them used', () => {
    const fixes = [
      { action: 'set-version', package: 'v/a', tag: '1.2.0', set: '1.0.4', reason: 'upstream forgot the bump' },
      { action: 'edit-links', package: 'v/a', version: '1.0.4', section: 'require', add: { 'v/c': '^1.0' }, replace: { php: '>=8.1' }, remove: ['v/old'], reason: 'deps' },
      { action: 'skip', package: 'v/b', tag: '1.2.0', reason: 'broken at this tag' },
      { action: 'skip', package: 'v/zzz', version: '9.9.9', reason: 'never matches' },
    ];
    const i = input({ 'A/composer.json': module('v/a', { version: '1.0.3', require: { php: '*', 'v/old': '1.0' } }), 'B/composer.json': module('v/b') }, fixes);
    const plan = planRelease(i);
    assert.equal(plan.artifacts.length, 1);
    const json = JSON.parse(plan.artifacts[0]?.composerJson ?? '{}');
    assert.equal(json.version, '1.0.4');
    assert.deepEqual(json.require, { php: '>=8.1', 'v/c': '^1.0' });
    assert.deepEqual(plan.warnings.map((w) => w.message), ['skipped: broken at this tag']);
    assert.equal(i.usedFixes.size, 3);
  });

  it('targets fixes by a list of versions or a Composer constraint', () => {
    const fixes = [
      { action: 'edit-links', package: 'v/a', constraint: '>=2.4.7-p6 <2.4.8', section: 'conflict', add: { 'v/braintree': '>=4.7.0' }, reason: 'range' },
      { action: 'edit-links', package: 'v/a', versions: ['2.4.7-p2', '2.4.7-p7'], section: 'require', add: { 'v/x': '1.0' }, reason: 'list' },
    ];
    const at = (version: string) => {
      const plan = planRelease(input({ 'A/composer.json': module('v/a', { version }) }, fixes));
      const json = JSON.parse(plan.artifacts[0]?.composerJson ?? '{}');
      return [Object.keys(json.conflict ?? {}).length, Object.keys(json.require ?? {}).length];
    };
    assert.deepEqual(at('2.4.7-p5'), [0, 0]);
    assert.deepEqual(at('2.4.7-p6'), [1, 0]);
    assert.deepEqual(at('2.4.7-p7'), [1, 1]);
    assert.deepEqual(at('2.4.7-p2'), [0, 1]);
    assert.deepEqual(at('2.4.8'), [0, 0]);
  });

  it('an invalid constraint in a fix is a config error naming its path', () => {
    assert.throws(() => parseConfig({ sources: [{ path: '/x', fixes: [{ action: 'skip', package: 'v/a', constraint: '>>1', reason: 'r' }] }] }, 'test'), (e: MageosError) => {
      assert.match(JSON.stringify(e.details), /\$\.sources\[0\]\.fixes\[0\]\.constraint/);
      return true;
    });
  });

  it('reports an edit-links fix that does not fit the composer.json', () => {
    const fixes = [{ action: 'edit-links', package: 'v/a', version: '1.0.0', section: 'require', remove: ['v/none'], reason: 'r' }];
    const plan = planRelease(input({ 'A/composer.json': module('v/a', { version: '1.0.0' }) }, fixes));
    assert.match(plan.warnings[0]?.message ?? '', /has no "v\/none" to remove/);
  });

  it('replace-files takes the named files from another ref', () => {
    const fixes = [{ action: 'replace-files', package: 'v/a', version: '1.0.0', files: ['x.php'], fromRef: 'refs/tags/1.3.0', reason: 'bad file at 1.2.0' }];
    const fileAt = (ref: string, path: string): TreeFile | undefined =>
      ref === 'refs/tags/1.3.0' && path === 'A/x.php' ? { path, mode: '100755', type: 'blob', oid: 'fixed' } : undefined;
    const plan = planRelease(input({ 'A/composer.json': module('v/a', { version: '1.0.0' }), 'A/x.php': 'bad' }, fixes, { fileAt }));
    assert.deepEqual(plan.artifacts[0]?.files, [{ path: 'x.php', oid: 'fixed', executable: true }]);
    const missing = planRelease(input({ 'A/composer.json': module('v/a', { version: '1.0.0' }) }, fixes));
    assert.equal(missing.errors[0]?.code, 'ERR_FIX_INVALID');
  });

  it('leaves symlinks and submodules out with a warning, or fails when the config says error', () => {
    const files = { 'A/composer.json': module('v/a', { version: '1.0.0' }), 'A/link': { mode: '120000', text: 'target' }, 'A/sub': { mode: '160000' }, 'A/bin/run': { mode: '100755' } };
    const plan = planRelease(input(files));
    assert.deepEqual(plan.artifacts[0]?.files, [{ path: 'bin/run', oid: 'oid:A/bin/run', executable: true }]);
    assert.deepEqual(plan.warnings.map((w) => `${w.path}: ${w.message}`), ['link: symlink left out of the archive', 'sub: submodule left out of the archive']);
    const strict = input(files);
    strict.config = { ...strict.config, symlinks: 'error' };
    assert.equal(planRelease(strict).errors[0]?.code, 'ERR_SYMLINK');
  });

  it('a broken composer.json or a missing name is an error naming source, tag and path; other packages still plan', () => {
    const plan = planRelease(input({ 'A/composer.json': '{ "name": ', 'B/composer.json': '{"description": "x"}', 'C/composer.json': module('v/c') }));
    assert.equal(plan.artifacts.length, 1);
    const [broken, nameless] = plan.errors as MageosError[];
    assert.equal(broken?.code, 'ERR_COMPOSER_JSON_INVALID');
    assert.match(broken?.message ?? '', /A\/composer\.json at 1\.2\.0 of source "pkgs" is not valid JSON/);
    assert.equal(nameless?.code, 'ERR_PACKAGE_INVALID');
    assert.match(nameless?.message ?? '', /B\/composer\.json at 1\.2\.0 of source "pkgs" has no "name"/);
  });

  it('an invalid version in composer.json is an error', () => {
    const plan = planRelease(input({ 'A/composer.json': module('v/a', { version: 'one' }) }));
    assert.match(plan.errors[0]?.message ?? '', /version "one", which is not a valid Composer version/);
  });

  it('gives equal content keys for equal inputs and different keys when a file or composer.json changes', () => {
    const base = { 'A/composer.json': module('v/a', { version: '1.0.0' }), 'A/x.php': 'x' };
    const k1 = planRelease(input(base)).artifacts[0]?.key;
    const k2 = planRelease(input(base)).artifacts[0]?.key;
    const k3 = planRelease(input({ ...base, 'A/y.php': 'y' })).artifacts[0]?.key;
    const k4 = planRelease(input({ ...base, 'A/composer.json': module('v/a', { version: '1.0.0', type: 'library' }) })).artifacts[0]?.key;
    assert.equal(k1, k2);
    assert.notEqual(k1, k3);
    assert.notEqual(k1, k4);
  });
});

describe('planning a release with the package directories of an earlier build', () => {
  const files = {
    'A/composer.json': module('v/a', { version: '1.0.3' }),
    'A/x.php': '<?php',
    'B/composer.json': module('v/b'),
    'C/composer.json': module('v/c', { version: '2.0.0' }),
    'C/link.php': { mode: '120000' },
  };
  // What git's tree ids would say: a directory is the same tree until `changed` names it.
  const withIds = (base: ReleaseInput, changed: string[] = []): ReleaseInput => ({
    ...base,
    tree: { ...base.tree, directoryId: (dir) => `${dir}${changed.includes(dir) ? '@new' : ''}` },
    remembered: new PackagePlanMemo(),
  });
  const priorOf = (plan: ReleasePlan): PriorPlans => ({
    get(dir, hash) {
      const recorded = plan.directories?.[dir];
      const artifact = plan.artifacts.find((a) => a.dir === dir && a.name === recorded?.name);
      if (recorded?.plan !== hash || artifact === undefined) return undefined;
      const { files: _f, emptyDirs: _e, composerJson, ...summary } = artifact;
      return { summary, composerJson };
    },
  });
  const later: ReleaseRef = { ...release, tag: '1.3.0', ref: 'refs/tags/1.3.0', version: '1.3.0', commit: 'beef' };

  it('records the directories whose plan owes nothing to the tag: a stated version, no fix, no warning', () => {
    const plan = planRelease(withIds(input(files)));
    assert.deepEqual(Object.keys(plan.directories ?? {}), ['A']);
    assert.equal(plan.directories?.A?.name, 'v/a');
    assert.match(plan.directories?.A?.plan ?? '', /^[0-9a-f]{40}$/);
    const fixed = planRelease(withIds(input(files, [{ action: 'edit-links', package: 'v/a', version: '1.0.3', section: 'require', add: { 'v/x': '^1' }, reason: 'r' }])));
    assert.equal(fixed.directories, undefined, 'a package with a fix is planned at every release');
  });

  it('takes an unchanged directory as planned, without reading its files, and reads those that changed', () => {
    const first = planRelease(withIds(input(files)));
    const next = withIds(input(files, [], { release: later }));
    const prior = priorOf(first);
    assert.deepEqual(fileReads({ ...next, prior }, next.candidates).map((r) => r.dir), ['B', 'C'], 'A is not read');
    const plan = planRelease({ ...next, prior });
    const a = plan.artifacts.find((x) => x.name === 'v/a');
    assert.equal(a?.filesNotRead, true);
    assert.deepEqual([a?.tag, a?.commit, a?.version, a?.key], ['1.3.0', 'beef', '1.0.3', first.artifacts.find((x) => x.name === 'v/a')?.key]);
    assert.equal(a?.composerJson, first.artifacts.find((x) => x.name === 'v/a')?.composerJson);
    assert.equal(plan.artifacts.find((x) => x.name === 'v/b')?.version, '1.3.0');
    assert.deepEqual(plan.directories, first.directories, 'recorded again for the release after');
    assert.deepEqual(plan.warnings.map((w) => `${w.tag} ${w.path}`), ['1.3.0 link.php']);

    const changed = withIds(input(files, [], { release: later }), ['A']);
    assert.deepEqual(fileReads({ ...changed, prior }, changed.candidates).map((r) => r.dir), ['A', 'B', 'C']);
    const replanned = planRelease({ ...changed, prior }).artifacts.find((x) => x.name === 'v/a');
    assert.equal(replanned?.filesNotRead, undefined);
    assert.deepEqual(replanned?.files.map((f) => f.path), ['x.php']);
  });
});
