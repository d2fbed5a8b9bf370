import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparePublishOrder, publishPhaseOf } from '../../../src/core/publish/publish-order.js';
import { type LocalFile, type PublishPlanInput, planPublish } from '../../../src/core/publish/publish-plan.js';

const file = (path: string, content = path): LocalFile => ({ path, size: content.length, md5: `md5:${content}`, sha256: `sha:${content}` });
const headers = () => 'application/json\nno-cache';

function input(extra: Partial<PublishPlanInput>): PublishPlanInput {
  return { files: [], prefix: 'm/', remote: new Map(), uploaded: {}, gone: {}, headersOf: headers, now: 1000, graceMs: 100, deletes: true, ...extra };
}

describe('the publishing order', () => {
  it('puts archives first, then p2/ and p/, then packages.json, then the other root files', () => {
    const paths = ['index.html', 'p2/acme/a.json', 'packages.json', 'packages/acme/a-1.0.0.zip', 'p/acme/a$00.json', 'status.html', 'badge.svg', 'packages/acme/b-1.0.0.zip'];
    assert.deepEqual([...paths].sort(comparePublishOrder), [
      'packages/acme/a-1.0.0.zip',
      'packages/acme/b-1.0.0.zip',
      'p/acme/a$00.json',
      'p2/acme/a.json',
      'packages.json',
      'badge.svg',
      'index.html',
      'status.html',
    ]);
    assert.deepEqual(['packages/x.zip', 'p2/x.json', 'p/x.json', 'packages.json', 'docs/readme.txt'].map(publishPhaseOf), ['archives', 'metadata', 'metadata', 'entry', 'archives']);
  });
});

describe('planPublish', () => {
  it('uploads what the bucket lacks or holds with other bytes, in publishing order; an object whose ETag is the MD5 is in place', () => {
    const files = [file('packages.json'), file('p2/a.json'), file('packages/a.zip'), file('packages/b.zip')];
    const remote = new Map([
      ['m/packages/a.zip', { size: 14, etag: 'md5:packages/a.zip' }],
      ['m/p2/a.json', { size: 9, etag: 'md5:older' }],
    ]);
    const plan = planPublish(input({ files, remote }));
    assert.deepEqual(plan.uploads.map((f) => f.path), ['packages/b.zip', 'p2/a.json', 'packages.json']);
    assert.deepEqual(plan.unchanged.map((f) => f.path), ['packages/a.zip']);
  });

  it('takes an earlier upload of the same bytes and headers for a store whose ETag is not the MD5; other headers upload again', () => {
    const files = [file('packages/a.zip')];
    const remote = new Map([['m/packages/a.zip', { size: 14, etag: 'kms-etag' }]]);
    const same = { 'm/packages/a.zip': { sha256: 'sha:packages/a.zip', etag: 'kms-etag', headers: headers() } };
    assert.equal(planPublish(input({ files, remote, uploaded: same })).uploads.length, 0);
    assert.equal(planPublish(input({ files, remote })).uploads.length, 1, 'unknown ETag, no record: upload');
    const otherHeaders = { 'm/packages/a.zip': { ...same['m/packages/a.zip'], headers: 'application/json\nmax-age=60' } };
    assert.equal(planPublish(input({ files, remote, uploaded: otherHeaders })).uploads.length, 1);
    const otherSize = new Map([['m/packages/a.zip', { size: 3, etag: 'md5:packages/a.zip' }]]);
    assert.equal(planPublish(input({ files, remote: otherSize })).uploads.length, 1, 'a size that differs is never in place');
  });

  it('keeps an object gone from the directory for the grace period from when it was first seen gone, then deletes it', () => {
    const remote = new Map([['m/packages/old.zip', { size: 1, etag: 'x' }], ['m/p/old$1.json', { size: 1, etag: 'y' }]]);
    const first = planPublish(input({ remote, now: 1000 }));
    assert.deepEqual(first.deletions, []);
    assert.deepEqual(first.gone, { 'm/p/old$1.json': 1000, 'm/packages/old.zip': 1000 });
    assert.deepEqual(first.waiting[0], { key: 'm/p/old$1.json', since: 1000, dueAt: 1100 });
    const later = planPublish(input({ remote, now: 1099, gone: first.gone }));
    assert.deepEqual(later.deletions, []);
    const due = planPublish(input({ remote, now: 1100, gone: { 'm/packages/old.zip': 1000 } }));
    assert.deepEqual(due.deletions, ['m/packages/old.zip'], 'due');
    assert.deepEqual(due.gone, { 'm/p/old$1.json': 1100 }, 'the other one starts its period now');
    const kept = planPublish(input({ remote, now: 5000, gone: first.gone, deletes: false }));
    assert.deepEqual([kept.deletions, kept.waiting.length, kept.gone], [[], 2, first.gone], '--no-delete: due but kept, the times remembered');
  });

  it('forgets an object that came back, and never deletes a file the directory has', () => {
    const files = [file('packages/a.zip')];
    const remote = new Map([['m/packages/a.zip', { size: 14, etag: 'md5:packages/a.zip' }]]);
    const plan = planPublish(input({ files, remote, gone: { 'm/packages/a.zip': 0 }, now: 10_000 }));
    assert.deepEqual([plan.deletions, plan.gone], [[], {}]);
  });
});
