import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MageosError } from '../../core/errors.js';
import { type ArtifactSummary, artifactId, type PlannedArtifact } from '../../core/plan/types.js';
import type { PublishedArtifact } from '../../core/state/build-state.js';
import { makeDirectoryOnce, temporaryPath } from '../../adapters/fs/atomic-file.js';
import { DurableRenames } from '../../adapters/fs/durable-rename.js';
import { fileSha1 } from '../../adapters/fs/file-sha1.js';
import type { OutputDirectory } from '../../adapters/fs/output-directory.js';
import { allowsRepublish, type WriteJob } from './archive-actions.js';
import type { ArchiveArtifact } from './archive-source.js';
import { EntryCache, writeArtifactArchive } from './artifact-writer.js';
import type { BuildOptions } from './build-options.js';
import { reportError } from './build-report.js';
import type { ArchiveCheck, BuildProgress, BuildResult, DriftReport, PlannedAction } from './build-result.js';
import { unrestorable } from './check-archives.js';
import { describeDrift } from './drift.js';
import { type PlannedReleases, summaryOf } from './plan-releases.js';
import { runPool } from './run-pool.js';
import type { SourceSession } from './source-session.js';
import { withdrawMetapackages } from './withdraw-metapackages.js';

const SAVE_EVERY = 50;
/**
 * Archives written and waiting to be put on disk (then renamed) before writing pauses to do so. Each is fsynced:
 * one flush of the whole file system (syncfs) was faster on a quiet machine but also waited for every other
 * program's writes (mirror-security-package after 400 MB written elsewhere: write phase 332 → 609 ms, 377-443 ms
 * with fsyncs).
 */
const DURABLE_BATCH = { bytes: 64 * 1024 * 1024, files: 1024, parallel: 4 };

export interface WriteContext {
  out: OutputDirectory;
  options: BuildOptions;
  sessions: readonly SourceSession[];
  planned: Pick<PlannedReleases, 'plans' | 'releaseOf'>;
  /** Every package version the repository serves after this build. */
  chosen: readonly ArtifactSummary[];
  archiveOf: ReadonlyMap<ArtifactSummary, ArchiveArtifact>;
  toWrite: WriteJob[];
  /** Published archives whose bytes were found damaged, by artifact id. */
  damaged: ReadonlySet<string>;
  check: ArchiveCheck | undefined;
  result: BuildResult;
  progress: (p: BuildProgress) => void;
  stopIfInterrupted: () => void;
}

/** What the archives written one after another share. */
interface Writer extends WriteContext {
  planOf: (a: ArtifactSummary) => Promise<PlannedArtifact>;
  cache: EntryCache;
  renames: DurableRenames;
  madeDirs: Set<string>;
  /** Archives this build put in place. */
  writtenNow: Set<string>;
  written: number;
}

/**
 * Writes the archives of `toWrite` a few at a time, each to the scratch space and then, on disk, under its final
 * name, where the state lists it; restores damaged archives; reports drift. With --keep-going an archive that
 * cannot be written is reported and metapackages that pin it are withdrawn.
 */
export async function writeArchives(context: WriteContext): Promise<void> {
  const { out, options, planned, chosen, archiveOf, damaged, check, result, progress, stopIfInterrupted } = context;
  // Once a source's releases are all planned again, what planning kept for the next release of it can go.
  planned.plans.expect(
    context.toWrite.map((j) => j.a),
    (source) => context.sessions.find((s) => s.name === source)?.forgetTrees(),
  );
  // Archives copied from archive sources need no plan.
  const inMemory = planned.plans.inMemory();
  const ready = (a: ArtifactSummary) => archiveOf.has(a) || inMemory(a);
  const toWrite = packageByPackage(context.toWrite, ready);

  // Archives not yet flushed when a build fails stay in the scratch space, which closing deletes.
  const renames = new DurableRenames({ ...DURABLE_BATCH, files: options.durableBatchFiles ?? DURABLE_BATCH.files }, (error) => out.problem(error));
  const planOf = (a: ArtifactSummary) => planned.plans.artifact(planned.releaseOf(a), a);
  const writer: Writer = { ...context, planOf, cache: new EntryCache(), renames, madeDirs: new Set(), writtenNow: new Set(), written: 0 };
  /** Archives this build could not write (--keep-going). */
  const failed: ArtifactSummary[] = [];
  await runPool(toWrite, options.concurrency ?? 4, async (job, n) => {
    stopIfInterrupted();
    progress({ phase: 'build', done: n, total: toWrite.length, detail: `${job.a.name} ${job.a.version}` });
    try {
      await writeOne(writer, job.a, job.action);
    } catch (error) {
      // --keep-going is for bad input; an output directory that cannot take files stops the build.
      if (!(error instanceof MageosError) || !options.keepGoing || error.code === 'ERR_OUTPUT_UNUSABLE') throw error;
      result.errors.push(reportError(error));
      result.counts.failed++;
      failed.push(job.a);
    }
  });
  await renames.flush();
  stopIfInterrupted();
  check?.restored.sort();
  const chosenIds = new Set(chosen.map(artifactId));
  for (const id of damaged) {
    if (chosenIds.has(id)) continue;
    result.errors.push(reportError(unrestorable(out, id, 'this build no longer builds its version')));
    result.counts.failed++;
  }
  await withdrawMetapackages(out, failed, writer.writtenNow, result);
  progress({ phase: 'build', done: toWrite.length, total: toWrite.length });
}

/**
 * The versions of each package one after another (in release order), for the archives whose plans are in memory;
 * then the rest in release order, each release planned again once. Versions of a package share most of their
 * files, so written together their blobs come from the cache instead of git.
 */
function packageByPackage<J extends { a: ArtifactSummary }>(jobs: J[], inMemory: (a: ArtifactSummary) => boolean): J[] {
  const kept = jobs.filter((j) => inMemory(j.a));
  const rest = jobs.filter((j) => !inMemory(j.a));
  const byPackage = new Map<string, J[]>();
  for (const job of kept) {
    const list = byPackage.get(job.a.name);
    if (list === undefined) byPackage.set(job.a.name, [job]);
    else list.push(job);
  }
  return [...[...byPackage.values()].flat(), ...rest];
}

async function writeOne(w: Writer, summary: ArtifactSummary, action: PlannedAction): Promise<void> {
  const { out, options, sessions, damaged, check, result } = w;
  const archive = w.archiveOf.get(summary);
  const artifact = archive?.planned ?? (await w.planOf(summary));
  const finalPath = out.path(action.file);
  const tmp = temporaryPath(out.tmpDir, finalPath);
  const blobsOf = (source: string) => (sessions.find((s) => s.name === source) as SourceSession).blobs;
  const writing = archive ? archive.copyTo(tmp) : writeArtifactArchive(artifact, tmp, options.config.format, blobsOf, w.cache);
  // Reading fails with our own errors; a system error here is the output directory's (full, read-only, gone).
  const { size, sha1 } = await writing.catch((error: unknown) => {
    throw error instanceof MageosError ? error : out.problem(error);
  });
  const origin = archive ? { origin: 'archive' as const } : {};
  const record: PublishedArtifact = { ...summaryOf(artifact), file: action.file, sha1, size, composerJson: artifact.composerJson, ...origin };
  if ((action.action === 'check' || action.action === 'adopt') && existsSync(finalPath)) {
    if (await keepsPublished(w, { artifact, action, record, tmp, finalPath, sha1 })) return;
  }
  try {
    makeDirectoryOnce(dirname(finalPath), w.madeDirs);
  } catch (error) {
    throw out.problem(error);
  }
  // The state lists an archive once it is on disk under its final name.
  await w.renames.add(tmp, finalPath, size, () => {
    out.state.artifacts[artifactId(artifact)] = record;
    w.writtenNow.add(artifactId(artifact));
    if (damaged.has(artifactId(artifact))) check?.restored.push(artifactId(artifact));
    result.counts.built++;
    result.bytesWritten += size;
  });
  if (++w.written % SAVE_EVERY === 0) await out.checkpoint();
}

interface BuiltAside {
  artifact: PlannedArtifact;
  action: PlannedAction;
  record: PublishedArtifact;
  tmp: string;
  finalPath: string;
  sha1: string;
}

/**
 * Compares an archive built aside with the one on disk ('check', 'adopt'). True when the one on disk stays: the
 * same bytes (reused), or other bytes --republish does not allow (drift, or a damaged archive not restorable);
 * the one built aside is then deleted.
 */
async function keepsPublished(w: Writer, { artifact, action, record, tmp, finalPath, sha1 }: BuiltAside): Promise<boolean> {
  const { out, options, damaged, result } = w;
  const published = out.state.artifacts[artifactId(artifact)];
  const publishedSha1 = action.action === 'check' && published !== undefined ? published.sha1 : await fileSha1(finalPath);
  const restoring = damaged.has(artifactId(artifact));
  if (publishedSha1 === sha1 && !restoring) {
    await rm(tmp, { force: true });
    out.state.artifacts[artifactId(artifact)] = record;
    result.counts.reused++;
    return true;
  }
  if (publishedSha1 !== sha1 && restoring && !allowsRepublish(options.republish, artifact)) {
    await rm(tmp, { force: true });
    result.errors.push(reportError(unrestorable(out, artifactId(artifact), `built again from git it has sha1 ${sha1}, not the published ${publishedSha1}`)));
    result.counts.failed++;
    return true;
  }
  if (publishedSha1 !== sha1 && !allowsRepublish(options.republish, artifact)) {
    const report: DriftReport = await describeDrift(finalPath, tmp, artifact, action.file);
    await rm(tmp, { force: true });
    result.drift.push(report);
    return true;
  }
  return false;
}
