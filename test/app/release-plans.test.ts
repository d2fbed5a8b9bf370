import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReleasePlans } from '../../src/app/builder/release-plans.js';
import type { ReleasePlan } from '../../src/core/plan/plan-release.js';
import type { PlannedArtifact, ReleaseRef } from '../../src/core/plan/types.js';

const release = (tag: string): ReleaseRef => ({ source: 's', tag, ref: `refs/tags/${tag}`, version: tag, commit: `c${tag}`, tree: `t${tag}`, time: 0 });

function artifact(name: string, version: string, tag: string, files = 2): PlannedArtifact {
  return {
    name, version, versionNormalized: `${version}.0`, kind: 'package', source: 's', tag, commit: `c${tag}`, time: 0, dir: name, key: `${name}@${version}@${tag}`,
    files: Array.from({ length: files }, (_, i) => ({ path: `f${i}`, oid: `${i}`.repeat(40), executable: false })), emptyDirs: [], composerJson: '{}',
  };
}

const plan = (...artifacts: PlannedArtifact[]): ReleasePlan => ({ artifacts, warnings: [], errors: [] });

describe('ReleasePlans', () => {
  it('hands out kept artifacts without planning again', async () => {
    const replanned: string[] = [];
    const plans = new ReleasePlans(async (r) => (replanned.push(r.tag), plan()));
    const r1 = release('1.0.0');
    const a = artifact('v/a', '1.0.0', '1.0.0');
    plans.keep(r1, plan(a));
    assert.deepEqual(await plans.artifact(r1, a), a);
    assert.deepEqual(replanned, []);
  });

  it('gives back kept file lists as they were planned, packed or not', async () => {
    const r1 = release('1.0.0');
    const packable = artifact('v/a', '1.0.0', '1.0.0', 3);
    packable.files[1] = { path: 'bin/run', oid: 'ab'.repeat(32), executable: true };
    const elsewhere = artifact('v/b', '1.0.0', '1.0.0', 2);
    elsewhere.files[0] = { path: 'fixed.txt', oid: 'cd'.repeat(20), executable: false, source: 'other' };
    const plans = new ReleasePlans(async () => { throw new Error('planned again'); });
    plans.keep(r1, plan(packable, elsewhere));
    assert.deepEqual(await plans.artifact(r1, elsewhere), elsewhere);
    assert.deepEqual(await plans.artifact(r1, packable), packable);
  });

  it('tells which artifacts are in memory: those of plans within the budget, not those past it', () => {
    const [r1, r2] = [release('1.0.0'), release('1.1.0')];
    const a = artifact('v/a', '1.0.0', '1.0.0', 3);
    const b = artifact('v/b', '1.0.0', '1.0.0', 3);
    const c = artifact('v/c', '1.1.0', '1.1.0', 3);
    const plans = new ReleasePlans(async () => plan(), 7);
    plans.keep(r1, plan(a, b));
    plans.keep(r2, plan(c));
    const inMemory = plans.inMemory();
    assert.deepEqual([a, b, c].map(inMemory), [true, true, false]);
  });

  it('plans a release again once for all the writers that ask at the same time, past the budget', async () => {
    const r1 = release('1.0.0');
    const a = artifact('v/a', '1.0.0', '1.0.0', 10);
    const b = artifact('v/b', '1.0.0', '1.0.0', 10);
    let planned = 0;
    const plans = new ReleasePlans(async () => (planned++, plan(a, b)), 5);
    plans.keep(r1, plan(a, b));
    const found = await Promise.all([plans.artifact(r1, a), plans.artifact(r1, b), plans.artifact(r1, a)]);
    assert.deepEqual(found.map((f) => f.name), ['v/a', 'v/b', 'v/a']);
    assert.equal(planned, 1);
  });

  it('does not keep a package version an earlier release has, and plans again if it is wanted after all', async () => {
    const r1 = release('1.0.0');
    const r2 = release('1.0.1');
    const early = artifact('v/a', '1.0.0', '1.0.0');
    const again = artifact('v/a', '1.0.0', '1.0.1');
    let planned = 0;
    const plans = new ReleasePlans(async () => (planned++, plan(again)));
    plans.keep(r1, plan(early));
    plans.keep(r2, plan(again));
    assert.equal((await plans.artifact(r2, again)).tag, '1.0.1');
    assert.equal(planned, 1, 'the second release is planned again: its copy was not kept');
  });

  it('keeps only the artifacts that will be written once they are known', async () => {
    const r1 = release('1.0.0');
    const a = artifact('v/a', '1.0.0', '1.0.0');
    const b = artifact('v/b', '1.0.0', '1.0.0');
    const plans = new ReleasePlans(async () => plan(a, b));
    plans.keep(r1, plan(a, b));
    plans.expect([b]);
    assert.deepEqual(await plans.artifact(r1, b), b);
    await assert.rejects(plans.artifact(r1, a), (e: Error & { code?: string }) => e.code === 'ERR_INTERNAL');
  });
  it('says when the last release of a source to plan again has been planned, and not before', async () => {
    const [r1, r2, r3] = [release('1.0.0'), release('1.1.0'), release('1.2.0')];
    const [a, b, c] = [artifact('v/a', '1.0.0', '1.0.0'), artifact('v/a', '1.1.0', '1.1.0'), artifact('v/a', '1.2.0', '1.2.0')];
    const byTag = new Map([[r2.tag, plan(b)], [r3.tag, plan(c)]]);
    const plans = new ReleasePlans(async (r) => byTag.get(r.tag) as ReleasePlan, 2);
    plans.keep(r1, plan(a));
    plans.keep(r2, plan(b));
    plans.keep(r3, plan(c));
    const done: string[] = [];
    plans.expect([a, b, c], (source) => done.push(source));
    assert.deepEqual(await plans.artifact(r1, a), a, 'kept: no planning');
    assert.equal((await plans.artifact(r2, b)).name, 'v/a');
    assert.deepEqual(done, [], 'one release still to plan again');
    await plans.artifact(r3, c);
    assert.deepEqual(done, ['s']);
  });
});
