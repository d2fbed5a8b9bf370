import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OutputDirectory, STATE_DIR } from '../../adapters/fs/output-directory.js';
import { S3Bucket, type S3Connection } from '../../adapters/s3/s3-bucket.js';
import { MageosError } from '../../core/errors.js';
import { type PublishPhase, PUBLISH_PHASES, publishPhaseOf } from '../../core/publish/publish-order.js';
import { type LocalFile, planPublish } from '../../core/publish/publish-plan.js';
import { type PublishTarget, targetLabel } from '../../core/publish/publish-target.js';
import { cacheControlFor } from '../../core/web/cache-policy.js';
import { fileKindOf } from '../../core/web/content-type.js';
import { DEFAULT_ARCHIVE_GRACE_MS } from '../builder/retire-archives.js';
import { runPool } from '../builder/run-pool.js';
import { scanDirectory } from './local-files.js';
import { PublishManifest } from './publish-manifest.js';
import type { PublishProgress, PublishResult } from './publish-result.js';

export interface PublishOptions {
  repoDir: string;
  target: PublishTarget;
  connection: S3Connection;
  dryRun: boolean;
  /** False: nothing is deleted from the bucket. */
  deletes: boolean;
  /** How long an object gone from the directory stays in the bucket; the build's archive grace period by default. */
  graceMs?: number;
  /** Seconds a CDN may hold metadata before revalidating; 0 (no-cache) by default. */
  metadataMaxAge?: number;
  concurrency?: number;
  now?: () => number;
  onProgress?: (p: PublishProgress) => void;
  /** Aborted (Ctrl-C): no new upload starts, what was uploaded is remembered, and the publish ends with ERR_INTERRUPTED. */
  signal?: AbortSignal;
}

const DEFAULT_CONCURRENCY = 8;

/**
 * Publishes a built repository directory to an S3-compatible bucket so that the bucket is installable at every
 * moment: new archives first, then the metadata pointing at them, then packages.json and the pages, and deletions
 * (after their grace period) last. Only files the bucket does not hold already are uploaded. The repository's build
 * lock is held throughout, so a build cannot change the files half-way through.
 */
export async function publish(options: PublishOptions): Promise<PublishResult> {
  const started = Date.now();
  const now = options.now ?? Date.now;
  const progress = options.onProgress ?? (() => {});
  const root = resolve(options.repoDir);
  if (!existsSync(join(root, STATE_DIR, 'state.json')) || !existsSync(join(root, 'packages.json'))) {
    throw new MageosError('ERR_OUTPUT_NOT_OURS', `${root} is not a repository built by mageos-repo (no packages.json or ${STATE_DIR}/state.json)`, {
      hint: 'Publish the --out directory of a build.',
    });
  }
  const out = await OutputDirectory.open(root, 'mageos', options.dryRun);
  const label = targetLabel(options.target);
  const endpoint = options.connection.endpoint ?? null;
  const phaseMs = { hash: 0, list: 0, upload: 0, delete: 0 };
  let bucket: S3Bucket | null = null;
  let failed = true;
  try {
    const manifest = PublishManifest.read(out, label, endpoint);
    const warnings = manifest.unreadable === null ? [] : [manifest.unreadable];
    let mark = Date.now();
    const scanned = await scanDirectory(root, manifest.hashes, (done, total) => progress({ phase: 'hashing', done, total }));
    for (const path of scanned.skipped) warnings.push(`${path} is not a regular file (a symbolic link?): not published`);
    manifest.hashes = scanned.hashes;
    phaseMs.hash = Date.now() - mark;
    mark = Date.now();
    progress({ phase: 'listing', done: 0, total: 1, detail: label });
    bucket = await S3Bucket.connect(options.target, options.connection);
    const remote = await bucket.list();
    progress({ phase: 'listing', done: 1, total: 1, detail: label });
    phaseMs.list = Date.now() - mark;
    const headers = (path: string) => ({ contentType: fileKindOf(path).type, cacheControl: cacheControlFor(path, options.metadataMaxAge ?? 0) });
    const headersKey = (path: string) => {
      const h = headers(path);
      return `${h.contentType}\n${h.cacheControl}`;
    };
    const graceMs = options.graceMs ?? DEFAULT_ARCHIVE_GRACE_MS;
    const plan = planPublish({ files: scanned.files, prefix: options.target.prefix, remote, uploaded: manifest.uploaded, gone: manifest.gone, headersOf: headersKey, now: now(), graceMs, deletes: options.deletes });
    const result: PublishResult = {
      target: label,
      endpoint,
      repoDir: root,
      dryRun: options.dryRun,
      files: scanned.files.length,
      bytesHashed: scanned.bytesHashed,
      unchanged: plan.unchanged.length,
      uploaded: plan.uploads.map((f) => ({ key: options.target.prefix + f.path, size: f.size, phase: publishPhaseOf(f.path) })),
      bytesUploaded: plan.uploads.reduce((sum, f) => sum + f.size, 0),
      deleted: plan.deletions,
      waiting: plan.waiting.map((w) => ({ key: w.key, since: new Date(w.since).toISOString(), dueAt: new Date(w.dueAt).toISOString() })),
      warnings,
      durationMs: 0,
      phaseMs,
    };
    if (options.dryRun) {
      failed = false;
      return { ...result, durationMs: Date.now() - started };
    }
    mark = Date.now();
    const active = bucket;
    const upload = async (file: LocalFile) => {
      const key = options.target.prefix + file.path;
      const etag = await active.put(key, out.path(file.path), file.size, file.md5, file.sha256, headers(file.path));
      manifest.uploaded[key] = { sha256: file.sha256, etag, headers: headersKey(file.path) };
    };
    try {
      for (const phase of PUBLISH_PHASES) {
        const files = plan.uploads.filter((f) => publishPhaseOf(f.path) === phase);
        if (files.length === 0) continue;
        // packages.json goes alone, before the pages that link to what it lists.
        await uploadPhase(phase, files, phase === 'entry' ? 1 : (options.concurrency ?? DEFAULT_CONCURRENCY), upload, progress, options.signal);
        await out.checkLock();
      }
    } finally {
      manifest.save(out);
    }
    phaseMs.upload = Date.now() - mark;
    mark = Date.now();
    if (plan.deletions.length > 0) {
      progress({ phase: 'deleting', done: 0, total: plan.deletions.length });
      await bucket.delete(plan.deletions);
      for (const key of plan.deletions) delete manifest.uploaded[key];
      progress({ phase: 'deleting', done: plan.deletions.length, total: plan.deletions.length });
    }
    manifest.gone = plan.gone;
    manifest.save(out);
    phaseMs.delete = Date.now() - mark;
    failed = false;
    return { ...result, durationMs: Date.now() - started };
  } finally {
    bucket?.close();
    await out.close({ failed });
  }
}

async function uploadPhase(
  phase: PublishPhase,
  files: LocalFile[],
  concurrency: number,
  upload: (file: LocalFile) => Promise<void>,
  progress: (p: PublishProgress) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  let done = 0;
  progress({ phase, done, total: files.length });
  await runPool(files, concurrency, async (file) => {
    if (signal?.aborted === true) throw new MageosError('ERR_INTERRUPTED', 'publish interrupted: the bucket still serves the previous complete repository', { hint: 'Run the same publish again to finish it: it uploads only what the bucket lacks.' });
    await upload(file);
    progress({ phase, done: ++done, total: files.length, detail: file.path });
  });
}
