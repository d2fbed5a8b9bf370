import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Fix } from '../../core/config/schema.js';
import { MageosError } from '../../core/errors.js';
import type { ReleaseRef } from '../../core/plan/types.js';
import { OutputDirectory } from '../../adapters/fs/output-directory.js';
import { indexPage } from '../../core/web/index-page.js';
import { allowsRepublish, archivesIntact, chooseArchives } from './archive-actions.js';
import { ArchiveSources } from './archive-source.js';
import type { BuildOptions } from './build-options.js';
import { emptyResult, finish, reportSkipped, reportStale } from './build-report.js';
import type { BuildPhase, BuildResult, SourceReport } from './build-result.js';
import { checkArchives } from './check-archives.js';
import { ComposerJsonFiles } from './composer-json-files.js';
import { fingerprintOf } from './fingerprint.js';
import { openSources, sourceWork } from './open-sources.js';
import { planReleases, type PlanOne } from './plan-releases.js';
import { publishMetadata } from './publish-metadata.js';
import { rebuildState, type RebuiltState } from './rebuild-state.js';
import { planReleaseOf, rulesHash } from './release-planner.js';
import { DEFAULT_ARCHIVE_GRACE_MS, pruneDue, pruneRetired, retireRemoved } from './retire-archives.js';
import { checkSourceNames } from './source-names.js';
import type { SourceSession } from './source-session.js';
import { writeArchives } from './write-archives.js';
import { NightSession } from '../nightly/night-session.js';
import { ReleaseSession } from '../distribution/release-session.js';
import type { RefBuild } from './ref-build.js';

export type { BuildOptions } from './build-options.js';
export { DEFAULT_ARCHIVE_GRACE_MS } from './retire-archives.js';

/** Builds or updates a repository: plans every release, writes the archives that are new, keeps published ones. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = Date.now();
  let phaseStarted = started;
  const endPhase = (phase: BuildPhase, result: BuildResult) => {
    const now = Date.now();
    result.phaseMs[phase] += now - phaseStarted;
    phaseStarted = now;
    options.onPhaseEnd?.(phase);
  };
  const { config } = options;
  checkSourceNames(config);
  const night = NightSession.forBuild(config, options.nightly, options.cacheDir);
  const release = ReleaseSession.forBuild(config, options.release, options.cacheDir);
  if (night !== null && release !== null) throw new MageosError('ERR_USAGE', 'a release takes each source at its "ref", not from a branch', { hint: 'Remove "branch" from the sources, or build the nightly with mageos-repo build.' });
  // Nights and distribution releases choose each source's refs themselves, and version the packages after planning.
  const refs: RefBuild | null = night ?? release;
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
  const rebuilt: { state?: RebuiltState } = {};
  const replaceState = options.rebuildState === true ? async (root: string) => (rebuilt.state = await rebuildState(root, config.format)).state : undefined;
  try {
    out = await OutputDirectory.open(options.outDir, config.format, options.dryRun, replaceState);
  } catch (error) {
    await settled;
    await Promise.allSettled(sessions.map((s) => s.close()));
    throw error;
  }
  let archives: ArchiveSources | null = null;
  let succeeded = false;
  try {
    const result = emptyResult(options.outDir, options.dryRun);
    const publishedFormat = out.state.format;
    if (publishedFormat !== config.format && Object.keys(out.state.artifacts).length > 0) {
      const message = `its archives are in the "${publishedFormat}" format and this build asks for "${config.format}": every published archive would change (drift) unless republished`;
      result.warnings.push({ source: options.outDir, message });
    }
    for (const file of rebuilt.state?.unreadable ?? []) result.warnings.push({ source: options.outDir, message: `${file} could not be read to rebuild the state: its versions are built as new ones` });
    const check = await checkArchives(
      out,
      {
        check: options.check === true,
        republishes: options.republish.length > 0 ? (a) => allowsRepublish(options.republish, a) : null,
        rebuiltDamaged: rebuilt.state?.damaged ?? null,
      },
      progress,
    );
    const damaged = new Set(check?.damaged ?? []);
    if (check !== undefined) result.archiveCheck = check;

    // Sources: their releases (on a nightly build, the night's), then the archive sources.
    const work = sourceWork(await opening, result);
    // In config order: \`sessions\` is in the order the sources finished opening, which differs from run to run.
    const ordered = work.map((w) => w.session);
    const external = new ComposerJsonFiles(new Map(sessions.map((s) => [s.name, s])));
    for (const w of work) w.rulesHash = rulesHash(w.session, config, await external.identity(w.session));
    const usedFixes = new Set<Fix>();
    const planOne: PlanOne = (session: SourceSession, release: ReleaseRef, used: Set<Fix>, available?: (name: string) => Iterable<string>) => {
      const plan = (s: SourceSession, r: ReleaseRef) => planReleaseOf(s, r, config, used, external, available);
      return refs === null ? plan(session, release) : refs.plan(session, release, plan);
    };
    if (refs !== null) {
      // The plans made here are used by the planning below (once each), so the fixes they apply count as used.
      await refs.prepare(ordered, out, (s, r) => planReleaseOf(s, r, config, usedFixes, external));
      work.forEach((w, i) => {
        if (!refs.owns(w.session)) return;
        w.releases = refs.releasesOf(w.session);
        // A changed vendor, template or version scheme plans the releases again (and changes the fingerprint).
        w.rulesHash = createHash('sha256').update(`${w.rulesHash}\0${refs.identity()}`).digest('hex');
        (result.sources[i] as SourceReport).releases = w.releases.map((r) => r.tag);
      });
    }
    archives = await ArchiveSources.open(config.archives ?? [], { cacheDir: options.cacheDir, offline: options.offline, keepStale: options.keepGoing });
    for (const { name, error } of archives.stale()) reportStale(result, name, error);
    const fingerprint = fingerprintOf(config, work, archives.identity());
    endPhase('sources', result);
    const graceMs = options.archiveGraceMs ?? DEFAULT_ARCHIVE_GRACE_MS;
    const due = pruneDue(out, options.now ?? Date.now, graceMs);
    if (out.state.fingerprint === fingerprint && !due && damaged.size === 0 && existsSync(out.path('packages.json')) && archivesIntact(out)) {
      result.upToDate = true;
      result.counts.planned = result.counts.reused = Object.keys(out.state.artifacts).length;
      const recorded = work.flatMap((w) => w.releases.flatMap((r) => out.state.releases[w.session.name]?.[r.tag]?.skipped ?? []));
      reportSkipped(result, recorded, new Set(Object.keys(out.state.artifacts)));
      if (night !== null && !options.dryRun) await night.record(out, result, sessions, false);
      succeeded = true;
      return finish(result, started);
    }

    // Plan: every release, then the package versions to serve and what to do with each archive.
    const planned = await planReleases({ work, out, options, planOne, usedFixes, result, progress, stopIfInterrupted, priorPlans: refs === null });
    const { chosen, archiveOf, toWrite } = await chooseArchives(out, planned.summaries, planned.skipped, archives, damaged, result);
    endPhase('plan', result);
    if (options.dryRun) {
      succeeded = true;
      return finish(result, started);
    }

    // The trees, plans and texts kept for planning the next release are those of the last ones: writing plans the
    // releases whose plans it lacks again from the first, so it starts them afresh rather than next to the kept plans.
    for (const s of sessions) s.forgetTrees();
    await writeArchives({ out, options, sessions, planned, chosen, archiveOf, toWrite, damaged, check, result, progress, stopIfInterrupted });
    endPhase('write', result);
    result.counts.drift = result.drift.length;

    // A night that fails to build or fails a check is not published: the metadata keeps serving the night before.
    const publish = night === null || (await night.gate(out, result));
    if (result.errors.length === 0) {
      const now = (options.now ?? Date.now)();
      retireRemoved(out, chosen, now, result);
      await pruneRetired(out, now, graceMs, result);
    }
    if (publish) {
      const index = { path: 'index.html', text: indexPage(Object.values(out.state.artifacts), config.baseUrl, config.title, { statusPage: night !== null }) };
      const published = await publishMetadata(out, config.baseUrl, [index]);
      result.metadata = { written: published.written.length, unchanged: published.unchanged, deleted: published.deleted.length };
      night?.keepNights(out);
      release?.keepReleases(out, result);
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
    // A build that lost its lock fails on the files the other build changed: the lost lock is the cause to report.
    if (options.signal?.aborted !== true) await out.checkLock();
    if (night !== null && !options.dryRun) await night.recordFailure(out, reported, sessions).catch(() => undefined);
    throw reported;
  } finally {
    await Promise.allSettled([...sessions.map((s) => s.close()), archives?.close()]);
    await out.close({ failed: !succeeded });
  }
}
