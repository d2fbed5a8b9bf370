import { createHash } from 'node:crypto';
import { existsSync, lstatSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Config, Fix } from '../../core/config/schema.js';
import { MageosError } from '../../core/errors.js';
import { ARCHIVE_GENERATOR_REVISION } from '../../core/plan/content-key.js';
import { selectArtifacts } from '../../core/plan/select-artifacts.js';
import { type ArtifactSummary, artifactId, type PlannedArtifact, type PlanWarning, type ReleaseRef } from '../../core/plan/types.js';
import type { PublishedArtifact } from '../../core/state/build-state.js';
import { makeDirectoryOnce, temporaryPath } from '../../adapters/fs/atomic-file.js';
import { DurableRenames } from '../../adapters/fs/durable-rename.js';
import { OutputDirectory } from '../../adapters/fs/output-directory.js';
import { archivePath } from './archive-path.js';
import { ArchiveSources, withArchives } from './archive-source.js';
import { EntryCache, writeArtifactArchive } from './artifact-writer.js';
import type { BuildProgress, BuildResult, DriftReport, PlannedAction, ReportedError, SourceReport } from './build-result.js';
import { describeDrift } from './drift.js';
import { publishMetadata } from './publish-metadata.js';
import { withdrawMetapackages } from './withdraw-metapackages.js';
import { indexPage } from '../../core/web/index-page.js';
import { decreasingVersions, type ReleaseVersions } from '../../core/plan/release-checks.js';
import { fileSha1 } from '../../adapters/fs/file-sha1.js';
import { ComposerJsonFiles } from './composer-json-files.js';
import { loadReleases, planReleaseOf, rulesHash } from './release-planner.js';
import { ReleasePlans } from './release-plans.js';
import { checkSourceNames } from './source-names.js';
import { SourceSession } from './source-session.js';
import { type NightOptions, NightSession } from '../nightly/night-session.js';

export interface BuildOptions {
  config: Config;
  outDir: string;
  cacheDir: string;
  offline: boolean;
  dryRun: boolean;
  keepGoing: boolean;
  /** Package versions allowed to get new bytes: "vendor/name@version", "vendor/name" or "*". */
  republish: string[];
  concurrency?: number;
  /** How long an archive stays on disk after its version left the metadata (0 deletes at once). */
  archiveGraceMs?: number;
  /** The clock, for tests of the grace period. */
  now?: () => number;
  /** Archives written before they are put on disk together (default 1,024), for tests of a batch's edges. */
  durableBatchFiles?: number;
  onProgress?: (progress: BuildProgress) => void;
  /** Stops the build between two releases or archives (Ctrl-C): nothing half-written, the scratch space and lock go. */
  signal?: AbortSignal;
  /** Nightly builds (sources with a branch): the night's date and its checks. */
  nightly?: NightOptions;
}

const SAVE_EVERY = 50;
/**
 * Archives written and waiting to be put on disk (then renamed) before writing pauses to do so. Each is fsynced:
 * one flush of the whole file system (syncfs) was faster on a quiet machine but also waited for every other
 * program's writes (mirror-security-package after 400 MB written elsewhere: write phase 332 → 609 ms, 377-443 ms
 * with fsyncs).
 */
const DURABLE_BATCH = { bytes: 64 * 1024 * 1024, files: 1024, parallel: 4 };
/** Releases whose trees are read ahead while the current one is planned. */
const PREFETCH_RELEASES = 2;
export const DEFAULT_ARCHIVE_GRACE_MS = 7 * 24 * 3600 * 1000;

interface SourceWork {
  session: SourceSession;
  releases: ReleaseRef[];
  rulesHash: string;
}

function reportError(error: MageosError): ReportedError {
  return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
}

/** A source that could not be fetched and is read from its cache clone (--keep-going): an error, and why it still built. */
function reportStale(result: BuildResult, source: string, error: MageosError): void {
  result.errors.push(reportError(error));
  result.counts.failed++;
  result.warnings.push({ source, message: 'read from its cache clone as the last successful fetch left it' });
}

function summaryOf(a: PlannedArtifact): ArtifactSummary {
  const { files: _files, emptyDirs: _dirs, composerJson: _json, ...summary } = a;
  return summary;
}

function allowsRepublish(specs: readonly string[], a: ArtifactSummary): boolean {
  return specs.some((s) => s === '*' || s === a.name || s === artifactId(a));
}

/** Builds or updates a repository: plans every release, writes the archives that are new, keeps published ones. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = Date.now();
  let phaseStarted = started;
  const endPhase = (phase: keyof BuildResult['phaseMs'], result: BuildResult) => {
    const now = Date.now();
    result.phaseMs[phase] += now - phaseStarted;
    phaseStarted = now;
  };
  const { config } = options;
  checkSourceNames(config);
  const night = NightSession.forBuild(config, options.nightly);
  const interrupted = () =>
    new MageosError('ERR_INTERRUPTED', `build of ${options.outDir} interrupted: nothing is half-written, and the metadata is as it was`, {
      hint: 'Run the same build again to finish it; the archives already in place are kept.',
    });
  const stopIfInterrupted = () => {
    if (options.signal?.aborted === true) throw interrupted();
  };
  const progress = options.onProgress ?? (() => {});
  // Sources are opened (fetched, refs listed) while the output directory is locked and its state read.
  const sessions: SourceSession[] = [];
  const opening = openSources(config, options, sessions, progress);
  // Awaited below; until then a failure must not count as an unhandled rejection.
  const settled = opening.catch(() => undefined);
  let out: OutputDirectory;
  try {
    out = await OutputDirectory.open(options.outDir, config.format, options.dryRun);
  } catch (error) {
    await settled;
    await Promise.allSettled(sessions.map((s) => s.close()));
    throw error;
  }
  let archives: ArchiveSources | null = null;
  let succeeded = false;
  // Archives not yet flushed when a build fails stay in the scratch space, which closing deletes.
  const renames = new DurableRenames({ ...DURABLE_BATCH, files: options.durableBatchFiles ?? DURABLE_BATCH.files }, (error) => out.problem(error));
  try {
    const result: BuildResult = {
      outDir: options.outDir,
      dryRun: options.dryRun,
      upToDate: false,
      sources: [],
      counts: { planned: 0, built: 0, reused: 0, skipped: 0, failed: 0, drift: 0, warnings: 0 },
      skipped: [],
      bytesWritten: 0,
      durationMs: 0,
      phaseMs: { sources: 0, plan: 0, write: 0, metadata: 0 },
      actions: [],
      warnings: [],
      errors: [],
      drift: [],
      unusedFixes: [],
      metadata: { written: 0, unchanged: 0, deleted: 0 },
      removed: [],
      prunedArchives: [],
    };
    const publishedFormat = out.state.format;
    if (publishedFormat !== config.format && Object.keys(out.state.artifacts).length > 0) {
      const message = `its archives are in the "${publishedFormat}" format and this build asks for "${config.format}": every published archive would change (drift) unless republished`;
      result.warnings.push({ source: options.outDir, message });
    }
    const work: SourceWork[] = [];
    for (const { session, releases, ignored } of await opening) {
      work.push({ session, releases, rulesHash: '' });
      result.sources.push(sourceReport(session, releases, ignored));
      if (session.fetchError !== undefined) reportStale(result, session.name, session.fetchError);
      // A source without package rules only lends files to others: no release is what it should have.
      if (releases.length === 0 && session.config.packages?.length !== 0 && session.config.branch === undefined) {
        const message = ignored.length > 0 ? `no release: none of its ${ignored.length} tag(s) is one (see the ignored tags)` : 'no release: the source has no tags';
        result.warnings.push({ source: session.name, message });
      }
    }
    const external = new ComposerJsonFiles(new Map(sessions.map((s) => [s.name, s])));
    for (const w of work) w.rulesHash = rulesHash(w.session, config, await external.identity(w.session));
    const planOne = (session: SourceSession, release: ReleaseRef, used: Set<Fix>, available?: (name: string) => Iterable<string>) => {
      const plan = (s: SourceSession, r: ReleaseRef) => planReleaseOf(s, r, config, used, external, available);
      return night === null ? plan(session, release) : night.plan(session, release, plan);
    };
    if (night !== null) {
      await night.prepare(sessions, out, (s, r) => planReleaseOf(s, r, config, new Set(), external));
      work.forEach((w, i) => {
        if (!night.isBranchSource(w.session)) return;
        w.releases = night.releasesOf(w.session);
        (result.sources[i] as SourceReport).releases = w.releases.map((r) => r.tag);
      });
    }
    archives = await ArchiveSources.open(config.archives ?? [], { cacheDir: options.cacheDir, offline: options.offline, keepStale: options.keepGoing });
    for (const { name, error } of archives.stale()) reportStale(result, name, error);
    const fingerprint = fingerprintOf(config, work, archives.identity());
    endPhase('sources', result);
    const pruneDue = Object.values(out.state.retiredArchives ?? {}).some((r) => (options.now ?? Date.now)() - r.since >= (options.archiveGraceMs ?? DEFAULT_ARCHIVE_GRACE_MS));
    if (out.state.fingerprint === fingerprint && !pruneDue && existsSync(out.path('packages.json')) && archivesIntact(out)) {
      result.upToDate = true;
      result.counts.planned = result.counts.reused = Object.keys(out.state.artifacts).length;
      const recorded = work.flatMap((w) => w.releases.flatMap((r) => out.state.releases[w.session.name]?.[r.tag]?.skipped ?? []));
      reportSkipped(result, recorded, new Set(Object.keys(out.state.artifacts)));
      if (night !== null && !options.dryRun) await night.record(out, result, sessions, false);
      succeeded = true;
      return finish(result, started);
    }

    const usedFixes = new Set<Fix>();
    const plans = new ReleasePlans((release) => {
      const { work: w } = releaseOf.get(`${release.source}\0${release.tag}`) as { work: SourceWork };
      return planOne(w.session, release, new Set(), availableVersions);
    });
    let summaries: ArtifactSummary[] = [];
    // Versions the repository serves besides a release's own: a requirement one of them meets is a warning, not an error.
    const availableVersions = (name: string) => [...Object.values(out.state.artifacts), ...summaries].filter((a) => a.name === name).map((a) => a.version);
    const releaseOf = new Map<string, { work: SourceWork; release: ReleaseRef }>();
    const total = work.reduce((n, w) => n + w.releases.length, 0);
    let done = 0;
    const fromCache = new Set<SourceWork>();
    const skipped: string[] = [];
    for (const w of work) {
      const cache = (out.state.releases[w.session.name] ??= {});
      const needsPlan = (release: ReleaseRef) => {
        const cached = cache[release.tag];
        return cached === undefined || cached.commit !== release.commit || cached.rulesHash !== w.rulesHash;
      };
      for (const [index, release] of w.releases.entries()) {
        stopIfInterrupted();
        progress({ phase: 'plan', done: done++, total, detail: `${w.session.name} ${release.tag}` });
        releaseOf.set(`${w.session.name}\0${release.tag}`, { work: w, release });
        if (!needsPlan(release)) {
          const cached = cache[release.tag] as { artifacts: ArtifactSummary[]; skipped?: string[] };
          summaries.push(...cached.artifacts);
          skipped.push(...(cached.skipped ?? []));
          fromCache.add(w);
          continue;
        }
        for (const next of w.releases.slice(index + 1, index + 1 + PREFETCH_RELEASES)) if (needsPlan(next)) w.session.prefetchTree(next.tree);
        const plan = await planOne(w.session, release, usedFixes, availableVersions);
        result.warnings.push(...plan.warnings);
        if (plan.errors.length > 0) {
          result.errors.push(...plan.errors.map(reportError));
          result.counts.failed += plan.errors.length;
          if (!options.keepGoing) throw plan.errors[0];
          // Not published half-way: a release with a problem contributes nothing (its metapackage would point at missing packages).
          result.warnings.push({ source: w.session.name, tag: release.tag, message: `release not published: ${plan.errors.length} problem(s)` });
          continue;
        }
        const skippedHere = plan.skipped ?? [];
        const planned = plan.artifacts.map(summaryOf);
        if (!options.dryRun) {
          cache[release.tag] = { commit: release.commit, rulesHash: w.rulesHash, artifacts: planned, ...(skippedHere.length > 0 ? { skipped: skippedHere } : {}) };
        }
        summaries.push(...planned);
        skipped.push(...skippedHere);
        plans.keep(release, plan);
      }
    }
    // A release taken from the cache did not evaluate its fixes; the cache is dropped whenever fixes change.
    for (const w of work) if (!fromCache.has(w)) unusedFixesOf(w, usedFixes, result);
    progress({ phase: 'plan', done: total, total });
    summaries = withoutDecreasingReleases(summaries, releaseOf, result, options.keepGoing);

    const { chosen, archiveOf } = withArchives(selectArtifacts(summaries), await archives.read(), result.warnings);
    result.counts.planned = chosen.length;
    reportSkipped(result, skipped, new Set(chosen.map(artifactId)));
    const actions = chosen.map((a) => actionFor(out, a));
    result.actions = actions;
    let toWrite = chosen.map((a, i) => ({ a, action: actions[i] as PlannedAction })).filter((j) => j.action.action !== 'reuse');
    result.counts.reused = chosen.length - toWrite.length;
    endPhase('plan', result);
    if (options.dryRun) {
      succeeded = true;
      return finish(result, started);
    }
    plans.expect(toWrite.map((j) => j.a));
    // Archives copied from archive sources need no plan.
    const inMemory = plans.inMemory();
    const ready = (a: ArtifactSummary) => archiveOf.has(a) || inMemory(a);
    toWrite = packageByPackage(toWrite, ready);
    // A source whose archives all have their files in memory needs its planning caches no more (they refill if
    // another source's replanning reads files from it).
    const replanned = new Set(toWrite.filter((j) => !ready(j.a)).map((j) => j.a.source));
    for (const s of sessions) if (!replanned.has(s.name)) s.forgetTrees();

    const planOf = (a: ArtifactSummary): Promise<PlannedArtifact> => plans.artifact((releaseOf.get(`${a.source}\0${a.tag}`) as { release: ReleaseRef }).release, a);
    const cache = new EntryCache();
    let written = 0;
    /** Archives this build put in place, and those it could not write (--keep-going). */
    const writtenNow = new Set<string>();
    const failed: ArtifactSummary[] = [];
    const madeDirs = new Set<string>();
    const writeOne = async (summary: ArtifactSummary, action: PlannedAction) => {
      const archive = archiveOf.get(summary);
      const artifact = archive?.planned ?? (await planOf(summary));
      const finalPath = out.path(action.file);
      const tmp = temporaryPath(out.tmpDir, finalPath);
      const blobsOf = (source: string) => (sessions.find((s) => s.name === source) as SourceSession).blobs;
      const writing = archive ? archive.copyTo(tmp) : writeArtifactArchive(artifact, tmp, config.format, blobsOf, cache);
      // Reading fails with our own errors; a system error here is the output directory's (full, read-only, gone).
      const { size, sha1 } = await writing.catch((error: unknown) => {
        throw error instanceof MageosError ? error : out.problem(error);
      });
      const published = out.state.artifacts[artifactId(artifact)];
      const origin = archive ? { origin: 'archive' as const } : {};
      const record: PublishedArtifact = { ...summaryOf(artifact), file: action.file, sha1, size, composerJson: artifact.composerJson, ...origin };
      if ((action.action === 'check' || action.action === 'adopt') && existsSync(finalPath)) {
        const publishedSha1 = action.action === 'check' && published !== undefined ? published.sha1 : await fileSha1(finalPath);
        if (publishedSha1 === sha1) {
          await rm(tmp, { force: true });
          out.state.artifacts[artifactId(artifact)] = record;
          result.counts.reused++;
          return;
        }
        if (!allowsRepublish(options.republish, artifact)) {
          const report: DriftReport = await describeDrift(finalPath, tmp, artifact, action.file);
          await rm(tmp, { force: true });
          result.drift.push(report);
          return;
        }
      }
      makeDirectoryOnce(dirname(finalPath), madeDirs);
      // The state lists an archive once it is on disk under its final name.
      await renames.add(tmp, finalPath, size, () => {
        out.state.artifacts[artifactId(artifact)] = record;
        writtenNow.add(artifactId(artifact));
        result.counts.built++;
        result.bytesWritten += size;
      });
      if (++written % SAVE_EVERY === 0) await out.checkpoint();
    };
    await runPool(toWrite, options.concurrency ?? 4, async (job, n) => {
      stopIfInterrupted();
      progress({ phase: 'build', done: n, total: toWrite.length, detail: `${job.a.name} ${job.a.version}` });
      try {
        await writeOne(job.a, job.action);
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
    await withdrawMetapackages(out, failed, writtenNow, result);
    progress({ phase: 'build', done: toWrite.length, total: toWrite.length });
    endPhase('write', result);
    result.counts.drift = result.drift.length;
    // A night that fails to build or fails a check is not published: the metadata keeps serving the night before.
    const publish = night === null || (await night.gate(out, result));
    if (result.errors.length === 0) {
      const now = (options.now ?? Date.now)();
      retireRemoved(out, chosen, now, result);
      await pruneRetired(out, now, options.archiveGraceMs ?? DEFAULT_ARCHIVE_GRACE_MS, result);
    }
    if (publish) {
      const index = { path: 'index.html', text: indexPage(Object.values(out.state.artifacts), config.baseUrl, config.title) };
      const published = await publishMetadata(out, config.baseUrl, [index]);
      result.metadata = { written: published.written.length, unchanged: published.unchanged, deleted: published.deleted.length };
      night?.keepNights(out);
    }
    if (night !== null) await night.record(out, result, sessions, publish);
    const complete = result.errors.length === 0 && result.drift.length === 0;
    out.state.fingerprint = complete ? fingerprint : null;
    out.state.format = config.format;
    await out.saveState();
    endPhase('metadata', result);
    succeeded = true;
    return finish(result, started);
  } catch (error) {
    // Ctrl-C in a terminal also stops the git processes: what fails then is the interruption.
    const reported = options.signal?.aborted === true ? interrupted() : error;
    if (night !== null && !options.dryRun) await night.recordFailure(out, reported, sessions).catch(() => undefined);
    throw reported;
  } finally {
    await Promise.allSettled([...sessions.map((s) => s.close()), archives?.close()]);
    await out.close({ failed: !succeeded });
  }
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

/** Sources opened and fetched at once. */
const SOURCE_CONCURRENCY = 4;

/**
 * Opens every source (a few at a time: a profile can name dozens, each a fetch and a git process) and lists its
 * releases; results in config order. Each session is added to `sessions` as soon as it is open, for closing.
 */
async function openSources(
  config: Config,
  options: BuildOptions,
  sessions: SourceSession[],
  progress: (p: BuildProgress) => void,
): Promise<Array<{ session: SourceSession } & Awaited<ReturnType<typeof loadReleases>>>> {
  const opened: Array<{ session: SourceSession } & Awaited<ReturnType<typeof loadReleases>>> = [];
  let done = 0;
  await runPool([...config.sources.entries()], SOURCE_CONCURRENCY, async ([i, source]) => {
    progress({ phase: 'sources', done, total: config.sources.length, detail: source.url ?? source.path });
    // With --keep-going a source that cannot be fetched is built as its cache clone stands (an error, reported).
    const session = await SourceSession.open(source, { cacheDir: options.cacheDir, offline: options.offline, keepStale: options.keepGoing });
    sessions.push(session);
    opened[i] = { session, ...(await loadReleases(session)) };
    done++;
  });
  return opened;
}

/** The summaries without releases in which a package's version goes down (all reported; without --keep-going, an error). */
function withoutDecreasingReleases(
  summaries: ArtifactSummary[],
  releaseOf: ReadonlyMap<string, { release: ReleaseRef }>,
  result: BuildResult,
  keepGoing: boolean,
): ArtifactSummary[] {
  const byRelease = new Map<string, ReleaseVersions>();
  for (const a of summaries) {
    const key = `${a.source}\0${a.tag}`;
    let entry = byRelease.get(key);
    if (entry === undefined) {
      entry = { source: a.source, tag: a.tag, version: releaseOf.get(key)?.release.version ?? a.tag, packages: [] };
      byRelease.set(key, entry);
    }
    (entry.packages as ReleaseVersions['packages'][number][]).push({ name: a.name, version: a.version, dir: a.dir, versionDownAllowed: a.versionDownAllowed === true });
  }
  const problems = decreasingVersions([...byRelease.values()]);
  if (problems.length === 0) return summaries;
  result.errors.push(...problems.map((p) => reportError(p.error)));
  result.counts.failed += problems.length;
  if (!keepGoing) throw (problems[0] as { error: MageosError }).error;
  const dropped = new Set(problems.map((p) => `${p.source}\0${p.tag}`));
  for (const key of dropped) {
    const [source, tag] = key.split('\0');
    result.warnings.push({ source: source as string, tag: tag as string, message: 'release not published: a package version goes down' });
  }
  return summaries.filter((a) => !dropped.has(`${a.source}\0${a.tag}`));
}

/** Package versions a skip fix left out at every release that has them (built from another release, they are not skipped). */
function reportSkipped(result: BuildResult, skipped: Iterable<string>, published: ReadonlySet<string>): void {
  result.skipped = [...new Set(skipped)].filter((id) => !published.has(id)).sort();
  result.counts.skipped = result.skipped.length;
}

function finish(result: BuildResult, started: number): BuildResult {
  result.counts.warnings = result.warnings.filter((w) => w.level !== 'info').length + result.unusedFixes.length;
  result.durationMs = Date.now() - started;
  return result;
}

function sourceReport(session: SourceSession, releases: ReleaseRef[], ignored: SourceReport['ignoredTags']): SourceReport {
  const stale = session.fetchError !== undefined ? { stale: true as const } : {};
  const filesOnly = session.config.packages?.length === 0 ? { filesOnly: true as const } : {};
  return { name: session.name, gitDir: session.gitDir, fetched: session.fetched, ...stale, ...filesOnly, releases: releases.map((r) => r.tag), ignoredTags: ignored };
}

function fingerprintOf(config: Config, work: SourceWork[], archives: unknown[]): string {
  const refs = work.map((w) => [w.session.name, w.rulesHash, w.releases.map((r) => [r.tag, r.ref, r.commit])]);
  // Without archive sources the fingerprint stays what it was, so repositories built before them stay up to date.
  const inputs = { revision: ARCHIVE_GENERATOR_REVISION, format: config.format, baseUrl: config.baseUrl, title: config.title, refs, ...(archives.length > 0 ? { archives } : {}) };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

/** Versions that are published but no longer planned leave the metadata; their archives are kept for a while. */
function retireRemoved(out: OutputDirectory, chosen: ArtifactSummary[], now: number, result: BuildResult): void {
  const planned = new Set(chosen.map(artifactId));
  const retired = (out.state.retiredArchives ??= {});
  for (const [id, artifact] of Object.entries(out.state.artifacts)) {
    if (planned.has(id)) continue;
    retired[id] = { file: artifact.file, since: now };
    delete out.state.artifacts[id];
    result.removed.push(id);
  }
  for (const id of Object.keys(retired)) if (out.state.artifacts[id] !== undefined) delete retired[id];
}

async function pruneRetired(out: OutputDirectory, now: number, graceMs: number, result: BuildResult): Promise<void> {
  const retired = out.state.retiredArchives ?? {};
  for (const [id, { file, since }] of Object.entries(retired)) {
    if (now - since < graceMs) continue;
    await rm(out.path(file), { force: true });
    delete retired[id];
    result.prunedArchives.push(file);
  }
}

// Synchronous on purpose: thousands of stat calls cost less in a loop than as promises through the thread pool.
function sizeOnDisk(out: OutputDirectory, file: string): number | undefined {
  try {
    // lstat: a symbolic link in place of an archive is not one (the build replaces the link, never follows it).
    const stat = lstatSync(out.path(file), { throwIfNoEntry: false });
    return stat?.isFile() === true ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

function archivesIntact(out: OutputDirectory): boolean {
  return Object.values(out.state.artifacts).every((a) => sizeOnDisk(out, a.file) === a.size);
}

function actionFor(out: OutputDirectory, a: ArtifactSummary): PlannedAction {
  const file = archivePath(a.name, a.version);
  const published = out.state.artifacts[artifactId(a)];
  const size = sizeOnDisk(out, file) ?? null;
  let action: PlannedAction['action'];
  if (published === undefined) action = size === null ? 'build' : 'adopt';
  else if (size === null || size !== published.size) action = published.key === a.key ? 'repair' : 'build';
  else action = published.key === a.key ? 'reuse' : 'check';
  return { package: a.name, version: a.version, source: a.source, tag: a.tag, kind: a.kind, key: a.key, file, action };
}

function unusedFixesOf(w: SourceWork, used: Set<Fix>, result: BuildResult): void {
  for (const fix of w.session.config.fixes ?? []) {
    if (!used.has(fix)) result.unusedFixes.push({ source: w.session.name, package: fix.package, reason: fix.reason });
  }
}

/** Runs jobs a few at a time; after a failure no new job starts, and the first error is thrown once the others settled. */
async function runPool<T>(jobs: T[], concurrency: number, run: (job: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < jobs.length && !failed) {
      const index = next++;
      try {
        await run(jobs[index] as T, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected !== undefined) throw rejected.reason;
}
