import type { Fix } from '../../core/config/schema.js';
import type { MageosError } from '../../core/errors.js';
import type { ReleasePlan } from '../../core/plan/plan-release.js';
import { decreasingVersions, type ReleaseVersions } from '../../core/plan/release-checks.js';
import type { DirectoryPlan, PriorPlans } from '../../core/plan/package-plan-memo.js';
import { type ArtifactSummary, artifactId, type PlannedArtifact, type ReleaseRef } from '../../core/plan/types.js';
import type { PublishedArtifact, ReleaseRecord } from '../../core/state/build-state.js';
import type { OutputDirectory } from '../../adapters/fs/output-directory.js';
import type { BuildOptions } from './build-options.js';
import { reportError, unusedFixesOf } from './build-report.js';
import type { BuildProgress, BuildResult } from './build-result.js';
import type { SourceWork } from './open-sources.js';
import { ReleasePlans } from './release-plans.js';
import type { SourceSession } from './source-session.js';

/** Releases whose trees are read ahead while the current one is planned. */
const PREFETCH_RELEASES = 2;

/** Plans one release of a source (on a nightly build, through the night's plan). */
export type PlanOne = (session: SourceSession, release: ReleaseRef, used: Set<Fix>, available?: (name: string) => Iterable<string>) => Promise<ReleasePlan>;

export interface PlanContext {
  work: SourceWork[];
  out: OutputDirectory;
  options: Pick<BuildOptions, 'dryRun' | 'keepGoing'>;
  planOne: PlanOne;
  /** Fixes a plan applied, to report those that matched nothing; plans made before planning (a night's, a release's) add theirs. */
  usedFixes: Set<Fix>;
  result: BuildResult;
  progress: (p: BuildProgress) => void;
  stopIfInterrupted: () => void;
  /**
   * Plans with the package directories of the last release an earlier build planned: those unchanged since are not
   * read. Not on a night or a distribution release, which version what they plan anew.
   */
  priorPlans?: boolean;
}

export interface PlannedReleases {
  /** The artifacts of every release, planned now or taken from the state's plan cache; none of a release whose versions go down. */
  summaries: ArtifactSummary[];
  /** Package versions a skip fix left out. */
  skipped: string[];
  /** The plans kept in memory for the write phase; the others are made again there. */
  plans: ReleasePlans;
  /** The release an artifact comes from. */
  releaseOf: (a: ArtifactSummary) => ReleaseRef;
}

export function summaryOf(a: PlannedArtifact): ArtifactSummary {
  const { files: _files, emptyDirs: _dirs, composerJson: _json, filesNotRead: _notRead, ...summary } = a;
  return summary;
}

/**
 * Plans every release of every source, in order; a release whose commit and rules are those the state's plan cache
 * recorded is taken from there. Problems are reported in `result`; without --keep-going the first one is thrown.
 */
export async function planReleases({ work, out, options, planOne, usedFixes, result, progress, stopIfInterrupted, priorPlans }: PlanContext): Promise<PlannedReleases> {
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
    if (priorPlans === true) w.session.usePriorPlans(priorPlansOf(cache, w.rulesHash, out.state.artifacts));
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
        // Only the last release planned keeps its package directories: the state grows by one release's worth.
        if (plan.directories !== undefined) for (const record of Object.values(cache)) delete record.directories;
        cache[release.tag] = {
          commit: release.commit,
          rulesHash: w.rulesHash,
          artifacts: planned,
          ...(skippedHere.length > 0 ? { skipped: skippedHere } : {}),
          ...(plan.directories !== undefined ? { directories: plan.directories } : {}),
        };
      }
      summaries.push(...planned);
      skipped.push(...skippedHere);
      plans.keep(release, plan);
    }
  }
  for (const w of work) w.session.usePriorPlans(undefined);
  // A release taken from the cache did not evaluate its fixes; the cache is dropped whenever fixes change.
  for (const w of work) if (!fromCache.has(w)) unusedFixesOf(w.session, usedFixes, result);
  progress({ phase: 'plan', done: total, total });
  summaries = withoutDecreasingReleases(summaries, releaseOf, result, options.keepGoing);
  const releaseOfArtifact = (a: ArtifactSummary) => (releaseOf.get(`${a.source}\0${a.tag}`) as { release: ReleaseRef }).release;
  return { summaries, skipped, plans, releaseOf: releaseOfArtifact };
}

/**
 * The package directories of the release an earlier build planned last, as that build recorded them, with the
 * artifacts it planned from them; undefined when there is none planned with these rules. Only a directory whose
 * package version is in the repository with the same content key is taken: its composer.json is then the one
 * published.
 */
function priorPlansOf(cache: Record<string, ReleaseRecord>, rulesHash: string, published: Record<string, PublishedArtifact>): PriorPlans | undefined {
  const record = Object.values(cache).find((r) => r.directories !== undefined && r.rulesHash === rulesHash);
  if (record === undefined) return undefined;
  const directories = record.directories as Record<string, DirectoryPlan>;
  const byDir = new Map(record.artifacts.map((a) => [`${a.dir}\0${a.name}`, a]));
  return {
    get(dir, plan) {
      const recorded = directories[dir];
      if (recorded?.plan !== plan) return undefined;
      const summary = byDir.get(`${dir}\0${recorded.name}`);
      const inRepository = summary === undefined ? undefined : published[artifactId(summary)];
      if (summary === undefined || inRepository === undefined || inRepository.key !== summary.key || inRepository.origin !== undefined) return undefined;
      return { summary, composerJson: inRepository.composerJson };
    },
  };
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
