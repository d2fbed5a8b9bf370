import type { Config } from '../../core/config/schema.js';
import { MageosError } from '../../core/errors.js';
import { nightTag, type NightRecord, type NightSource, retainedNights, sameCommits } from '../../core/nightly/night-ledger.js';
import { toNightly } from '../../core/nightly/nightly-artifact.js';
import { type DistributionContext, distributionContext, distributionName, toDistribution } from '../../core/distribution/distribution-artifact.js';
import { nightLinks, renewedPackages } from '../../core/nightly/renewed-packages.js';
import { newestTag, NEW_PACKAGE_BASE, nightlyVersion, nightStamp, nightVersions } from '../../core/nightly/nightly-version.js';
import type { ReleasePlan } from '../../core/plan/plan-release.js';
import { releaseVersionOfTag } from '../../core/plan/release-refs.js';
import type { ReleaseRef } from '../../core/plan/types.js';
import type { SourceSession } from '../builder/source-session.js';

import type { PlanRelease } from '../builder/ref-build.js';

export type { PlanRelease };

function throwFirst(plan: ReleasePlan): void {
  if (plan.errors.length > 0) throw plan.errors[0];
}

/** A source's newest tag as a release, and its package versions there: the bases of tonight's versions. */
async function baseVersions(session: SourceSession, plan: PlanRelease, bases: Map<string, string>): Promise<string | null> {
  const { refs } = await session.tags();
  const tag = newestTag(refs.map((r) => r.name));
  const ref = refs.find((r) => r.name === tag);
  const version = tag === null ? null : releaseVersionOfTag(tag);
  if (ref === undefined || version === null) return null;
  const planned = await plan(session, { source: session.name, tag: ref.name, ref: ref.ref, version, commit: ref.commit, tree: ref.tree, time: ref.time });
  throwFirst(planned);
  for (const a of planned.artifacts) bases.set(a.name, a.version);
  return version;
}

async function branchHead(session: SourceSession, branch: string): Promise<Omit<NightSource, 'version'>> {
  try {
    return { name: session.name, branch, ...(await session.resolve(`refs/heads/${branch}`)) };
  } catch (error) {
    if (!(error instanceof MageosError) || error.code !== 'ERR_GIT_REF_NOT_FOUND') throw error;
    throw new MageosError('ERR_GIT_REF_NOT_FOUND', `source "${session.name}" has no branch "${branch}"`, {
      hint: 'Check "branch" in the config (or --branch); a url source is fetched before the build, so a branch created upstream a moment ago is there.',
      cause: error,
    });
  }
}

/** The version of a night without its date: what stays equal while a package's base does not move. */
const withoutNight = (version: string) => version.replace(/-a\d{8}/, '');

/**
 * The "when-changed" scheme: a package whose content, base and pinned packages are as the night before keeps that
 * night's version (its archive is reused); the others, and everything pinning them, get tonight's.
 */
function keepUnchangedVersions(versions: Map<string, string>, contents: Record<string, string>, last: NightRecord, composerJsons: ReadonlyMap<string, string>): void {
  const changed = [...versions].filter(([name, version]) => {
    const before = last.versions[name];
    return before === undefined || last.contents?.[name] !== contents[name] || withoutNight(before) !== withoutNight(version);
  });
  const renewed = renewedPackages(
    changed.map(([name]) => name),
    nightLinks(composerJsons),
  );
  for (const name of versions.keys()) if (!renewed.has(name)) versions.set(name, last.versions[name] as string);
}

/** A distribution's night (a config with "distribution"): the new names, and the upstream versions each replaces. */
async function distributionOf(
  config: Config,
  names: string[],
  upstream: (u: { repository: string; version: string }) => Promise<Map<string, string>>,
): Promise<Pick<NightRecord, 'distribution'>> {
  const dist = config.distribution;
  if (dist === undefined) return {};
  const renames = Object.fromEntries(names.map((n) => [n, distributionName(n, dist.vendor)] as const).filter(([from, to]) => from !== to));
  const base = dist.upstream;
  const versions = base?.version === undefined ? new Map<string, string>() : await upstream({ repository: base.repository, version: base.version });
  return { distribution: { renames, upstream: Object.fromEntries([...versions].filter(([n]) => n in renames)), magentoVersion: base?.version ?? '' } };
}

/** How a distribution's night publishes its packages: renamed, at the nightly versions, replacing the upstream ones. */
function contextOfNight(night: NightRecord): DistributionContext {
  const { renames, upstream, magentoVersion } = night.distribution as NonNullable<NightRecord['distribution']>;
  const versions = Object.fromEntries(Object.entries(night.versions).map(([name, version]) => [renames[name] ?? name, version]));
  return distributionContext(renames, versions, upstream, magentoVersion);
}

/**
 * One night of a nightly repository: the branch head of every source, the versions tonight's packages get, and
 * the nights kept in the metadata. Tonight is null when no source has a commit the served night did not have.
 */
export class NightlyRun {
  private readonly versionsByTag = new Map<string, Map<string, string>>();
  private readonly distributionByTag = new Map<string, DistributionContext>();
  private readonly firstPlans = new Map<string, ReleasePlan>();

  private constructor(
    readonly date: string,
    readonly tonight: NightRecord | null,
    readonly retained: NightRecord[],
    private readonly format: string,
  ) {
    for (const night of retained) {
      this.versionsByTag.set(nightTag(night.night), new Map(Object.entries(night.versions)));
      if (night.distribution !== undefined) this.distributionByTag.set(nightTag(night.night), contextOfNight(night));
    }
  }

  get tag(): string {
    return nightTag(this.date);
  }

  /** Reads the branch heads and the bases, and plans tonight once to learn its packages. */
  static async prepare(
    sessions: SourceSession[],
    config: Config,
    published: NightRecord[],
    date: string,
    plan: PlanRelease,
    upstream: (u: { repository: string; version: string }) => Promise<Map<string, string>> = async () => new Map(),
  ): Promise<NightlyRun> {
    const stamp = nightStamp(date);
    const branched = sessions.filter((s) => s.config.branch !== undefined && s.config.packages?.length !== 0);
    const heads = await Promise.all(branched.map((s) => branchHead(s, s.config.branch as string)));
    const last = published.at(-1);
    const retain = config.nightly?.retain ?? 14;
    if (sameCommits(heads, last)) return new NightlyRun(date, null, retainedNights(published, null, retain), config.format);
    const bases = new Map<string, string>();
    const sources: NightSource[] = [];
    const plans = new Map<string, ReleasePlan>();
    for (const [i, session] of branched.entries()) {
      const head = heads[i] as Omit<NightSource, 'version'>;
      const source = { ...head, version: nightlyVersion((await baseVersions(session, plan, bases)) ?? NEW_PACKAGE_BASE, stamp) };
      sources.push(source);
      const tonight = await plan(session, NightlyRun.release(source, date));
      throwFirst(tonight);
      plans.set(session.name, tonight);
    }
    const names = [...plans.values()].flatMap((p) => p.artifacts.map((a) => a.name));
    // What a package holds apart from the versions, which change every night: every night name at one placeholder.
    const placeholder = new Map(names.map((n) => [n, '0']));
    const contents = Object.fromEntries([...plans.values()].flatMap((p) => p.artifacts.map((a) => [a.name, toNightly(a, placeholder, config.format).key])).sort());
    const versions = nightVersions(names, bases, stamp);
    if (config.nightly?.versions === 'when-changed' && last !== undefined) {
      const composerJsons = new Map([...plans.values()].flatMap((p) => p.artifacts.map((a) => [a.name, a.composerJson] as const)));
      keepUnchangedVersions(versions, contents, last, composerJsons);
    }
    const tonight: NightRecord = { night: date, sources, versions: Object.fromEntries(versions), contents, ...(await distributionOf(config, names, upstream)) };
    const run = new NightlyRun(date, tonight, retainedNights(published, tonight, retain), config.format);
    for (const [name, p] of plans) run.firstPlans.set(`${name}\0${run.tag}`, run.transform(p));
    return run;
  }

  private static release(source: NightSource, night: string): ReleaseRef {
    return { source: source.name, tag: nightTag(night), ref: source.commit, version: source.version, commit: source.commit, tree: source.tree, time: source.time, pinnedLater: true };
  }

  /** The releases a source contributes: one per night kept, oldest first. */
  releasesOf(session: SourceSession): ReleaseRef[] {
    return this.retained.flatMap((night) => night.sources.filter((s) => s.name === session.name).map((s) => NightlyRun.release(s, night.night)));
  }

  /** Plans a night's release: the tag build's plan with the night's versions and pins. */
  async plan(session: SourceSession, release: ReleaseRef, planRelease: PlanRelease): Promise<ReleasePlan> {
    const first = this.firstPlans.get(`${session.name}\0${release.tag}`);
    if (first !== undefined) {
      this.firstPlans.delete(`${session.name}\0${release.tag}`);
      return first;
    }
    return this.transform(await planRelease(session, release));
  }

  private transform(plan: ReleasePlan): ReleasePlan {
    return {
      ...plan,
      artifacts: plan.artifacts.map((a) => {
        const versions = this.versionsByTag.get(a.tag);
        const distribution = this.distributionByTag.get(a.tag);
        if (versions === undefined) return a;
        return distribution === undefined ? toNightly(a, versions, this.format) : toDistribution(a, distribution, this.format);
      }),
    };
  }
}
