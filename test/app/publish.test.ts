import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type PublishOptions, publish } from '../../src/app/publish/publish.js';
import type { MageosError } from '../../src/core/errors.js';
import { createModulesRepo, writeMetapackage, writeModule } from '../support/module-repo.js';
import { s3Environment, s3ServerForTests } from '../support/s3-server.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';

const server = s3ServerForTests(['repo', 'other'], removeTempDirs);

const DAY = 24 * 3600 * 1000;
let prefixes = 0;

/** A repository built from the modules fixture for a prefix of its own in the bucket, with the base URL it is served from. */
async function built() {
  const prefix = `r${++prefixes}/`;
  const source = createModulesRepo();
  const out = join(tempDir(), 'repo');
  const config = { sources: [{ path: source.dir }], baseUrl: server().url('repo', prefix) };
  const result = await buildRepo(config, out);
  assert.deepEqual(result.errors, []);
  return { source, out, prefix, rebuild: () => buildRepo(config, out) };
}

const options = (out: string, prefix: string, extra: Partial<PublishOptions> = {}): PublishOptions => ({
  repoDir: out,
  target: { bucket: 'repo', prefix },
  connection: { endpoint: server().endpoint },
  dryRun: false,
  deletes: true,
  ...extra,
});

/** Every file of the repository directory but its state, relative, sorted. */
function localFiles(root: string, dir = ''): string[] {
  const files: string[] = [];
  for (const name of readdirSync(join(root, dir)).sort()) {
    const path = dir === '' ? name : `${dir}/${name}`;
    if (path === '.mageos-repo') continue;
    if (statSync(join(root, path)).isDirectory()) files.push(...localFiles(root, path));
    else files.push(path);
  }
  return files.sort();
}

const get = (prefix: string, path: string) => fetch(server().url('repo', prefix + path));

describe('publish to S3-compatible object storage (s3rver on 127.0.0.1)', () => {
  it('uploads every file but the state: archives first, then p2/ and p/, then packages.json, then index.html', async () => {
    const { out, prefix } = await built();
    const from = (await server().puts()).length;
    const result = await publish(options(out, prefix));
    const puts = (await server().puts()).slice(from).map((k) => k.slice(prefix.length));
    assert.deepEqual([...puts].sort(), localFiles(out), 'every file, once; nothing of .mageos-repo');
    assert.equal(result.uploaded.length, result.files);
    assert.equal(result.bytesUploaded, localFiles(out).reduce((sum, f) => sum + statSync(join(out, f)).size, 0));
    const last = (test: (k: string) => boolean) => Math.max(...puts.map((k, i) => (test(k) ? i : -1)));
    const first = (test: (k: string) => boolean) => puts.findIndex(test);
    const isArchive = (k: string) => k.endsWith('.zip');
    const isMetadata = (k: string) => k.startsWith('p2/') || k.startsWith('p/');
    assert.ok(last(isArchive) < first(isMetadata), `archives before metadata: ${puts.join(', ')}`);
    assert.ok(last(isMetadata) < puts.indexOf('packages.json'), 'metadata before packages.json');
    assert.equal(puts.at(-1), 'index.html', 'the index page last');
  });

  it('gives each object its content type and the cache headers a CDN needs', async () => {
    const { out, prefix } = await built();
    await publish(options(out, prefix));
    const packages = await get(prefix, 'packages.json');
    assert.equal(packages.headers.get('content-type'), 'application/json');
    assert.equal(packages.headers.get('cache-control'), 'no-cache');
    assert.ok(packages.headers.get('etag') !== null && packages.headers.get('last-modified') !== null, 'validators for revalidation');
    assert.equal(await packages.text(), readFileSync(join(out, 'packages.json'), 'utf8'));
    const archive = localFiles(out).find((f) => f.endsWith('.zip')) as string;
    const zip = await get(prefix, archive);
    assert.equal(zip.headers.get('content-type'), 'application/zip');
    assert.equal(zip.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.deepEqual(Buffer.from(await zip.arrayBuffer()), readFileSync(join(out, archive)));
    const provider = localFiles(out).find((f) => f.startsWith('p/') && f.includes('$')) as string;
    assert.equal((await get(prefix, provider)).headers.get('cache-control'), 'public, max-age=31536000, immutable', 'content-addressed provider files never change');
    assert.equal((await get(prefix, 'index.html')).headers.get('content-type'), 'text/html; charset=utf-8');
    const p2 = localFiles(out).find((f) => f.startsWith('p2/')) as string;
    await publish(options(out, prefix, { metadataMaxAge: 60 }));
    assert.equal((await get(prefix, p2)).headers.get('cache-control'), 'public, max-age=60, must-revalidate', 'a changed policy is written again');
  });

  it('a second publish uploads nothing; after a new release only new and changed files go up', async () => {
    const { source, out, prefix, rebuild } = await built();
    await publish(options(out, prefix));
    const again = await publish(options(out, prefix));
    assert.deepEqual([again.uploaded.length, again.unchanged, again.deleted, again.bytesHashed], [0, again.files, [], 0], 'nothing uploaded, no file read again');
    const before = Object.fromEntries(localFiles(out).map((f) => [f, readFileSync(join(out, f)).toString('hex')]));
    writeModule(source, 'ModA', 'acme/module-a', '1.2.0', { 'Model/Thing.php': '<?php class Thing { /* 1.2.0 */ }\n' });
    writeMetapackage(source, 'acme/bundle', { 'acme/module-a': '1.2.0', 'acme/module-b': '1.1.0' });
    source.commit('1.2.0');
    source.tag('1.2.0');
    assert.deepEqual((await rebuild()).errors, []);
    const changed = localFiles(out).filter((f) => before[f] !== readFileSync(join(out, f)).toString('hex'));
    const next = await publish(options(out, prefix));
    assert.deepEqual(next.uploaded.map((u) => u.key.slice(prefix.length)).sort(), changed.sort());
    assert.ok(changed.some((f) => f.endsWith('module-a-1.2.0.zip')), 'the new archive');
    assert.ok(changed.length < localFiles(out).length / 2, `only what changed: ${changed.join(', ')}`);
  });

  it('an object gone from the directory stays for the grace period, then goes after the uploads; --no-delete keeps it', async () => {
    const { out, prefix } = await built();
    const client = new S3Client({ endpoint: server().endpoint, region: 'us-east-1', forcePathStyle: true });
    await client.send(new PutObjectCommand({ Bucket: 'repo', Key: `${prefix}packages/acme/gone-1.0.0.zip`, Body: 'old' }));
    client.destroy();
    const t0 = Date.UTC(2026, 0, 1);
    const first = await publish(options(out, prefix, { now: () => t0 }));
    assert.deepEqual(first.waiting, [{ key: `${prefix}packages/acme/gone-1.0.0.zip`, since: new Date(t0).toISOString(), dueAt: new Date(t0 + 7 * DAY).toISOString() }]);
    assert.equal((await get(prefix, 'packages/acme/gone-1.0.0.zip')).status, 200);
    const kept = await publish(options(out, prefix, { now: () => t0 + 7 * DAY, deletes: false }));
    assert.deepEqual([kept.deleted, kept.waiting.map((w) => w.key)], [[], [`${prefix}packages/acme/gone-1.0.0.zip`]], 'due, but kept');
    const early = await publish(options(out, prefix, { now: () => t0 + 7 * DAY - 1 }));
    assert.deepEqual(early.deleted, [], 'the grace period counts from the first publish that saw it gone');
    const due = await publish(options(out, prefix, { now: () => t0 + 7 * DAY }));
    assert.deepEqual([due.deleted, due.waiting], [[`${prefix}packages/acme/gone-1.0.0.zip`], []]);
    assert.equal((await get(prefix, 'packages/acme/gone-1.0.0.zip')).status, 404);
    assert.equal((await get(prefix, 'packages.json')).status, 200, 'the repository stays');
  });

  it('--dry-run lists what would be uploaded and writes nothing', async () => {
    const { out, prefix } = await built();
    const from = (await server().puts()).length;
    const dry = await publish(options(out, prefix, { dryRun: true }));
    assert.equal(dry.uploaded.length, localFiles(out).length);
    assert.equal((await server().puts()).length, from, 'nothing uploaded');
    assert.equal((await get(prefix, 'packages.json')).status, 404);
  });

  it('a damaged manifest is a warning: the bucket listing decides, nothing is uploaded twice', async () => {
    const { out, prefix } = await built();
    await publish(options(out, prefix));
    const dir = join(out, '.mageos-repo/publish');
    for (const name of readdirSync(dir)) writeFileSync(join(dir, name), '{"version":');
    const again = await publish(options(out, prefix));
    assert.equal(again.uploaded.length, 0);
    assert.match(again.warnings.join('\n'), /could not be read .* every file is hashed again/);
    // Valid JSON that is not a manifest: the warning names the field.
    const [manifest] = readdirSync(dir);
    const { target } = JSON.parse(readFileSync(join(dir, manifest as string), 'utf8')) as { target: string };
    writeFileSync(join(dir, manifest as string), JSON.stringify({ version: 1, target, endpoint: null, hashes: {}, uploaded: { 'a.json': { sha256: 's' } }, gone: {} }));
    const named = await publish(options(out, prefix));
    assert.equal(named.uploaded.length, 0);
    assert.match(named.warnings.join('\n'), /could not be read \(uploaded\.a\.json\.etag: [^)]+\): every file is hashed again/);
    rmSync(dir, { recursive: true });
    assert.equal((await publish(options(out, prefix))).uploaded.length, 0, 'a lost manifest too');
  });

  it('bad input: not a repository, a missing bucket and wrong keys are named errors; nothing is written', async () => {
    const { out, prefix } = await built();
    const error = (run: Promise<unknown>) => run.then(() => assert.fail('no error'), (e: MageosError) => e);
    const notOurs = await error(publish(options(tempDir(), prefix)));
    assert.equal(notOurs.code, 'ERR_OUTPUT_NOT_OURS');
    const missing = await error(publish({ ...options(out, prefix), target: { bucket: 'no-such-bucket', prefix } }));
    assert.deepEqual([missing.code, missing.exitCode], ['ERR_PUBLISH', 10]);
    assert.match(missing.message, /s3:\/\/no-such-bucket\/.*NoSuchBucket/);
    assert.match(missing.hint ?? '', /Create the bucket no-such-bucket/);
    const key = process.env.AWS_ACCESS_KEY_ID;
    process.env.AWS_ACCESS_KEY_ID = 'wrong';
    const denied = await error(publish(options(out, prefix))).finally(() => (process.env.AWS_ACCESS_KEY_ID = key));
    assert.equal(denied.code, 'ERR_PUBLISH');
    assert.match(denied.hint ?? '', /credentials/);
    assert.equal((await get(prefix, 'packages.json')).status, 404);
    assert.deepEqual(readdirSync(join(out, '.mageos-repo')), ['state.json'], 'the lock was given back; no manifest of a publish that never reached the bucket');
  });
});
