import type { Config } from '../../core/config/schema.js';
import { aliasComposerJson, distributionContext, distributionName, toDistribution, UPSTREAM_VENDOR } from '../../core/distribution/distribution-artifact.js';
import { MageosError } from '../../core/errors.js';
import { composerJsonArtifact } from '../../core/plan/composer-json-artifact.js';
import type { ReleasePlan } from '../../core/plan/plan-release.js';
import type { PlannedArtifact, ReleaseRef } from '../../core/plan/types.js';
import { isValidVersion } from '../../core/version/index.js';
import { versionFileNameProblem } from '../../core/plan/path-safe-names.js';
import { nameFilter } from '../../core/verify/name-filter.js';
import type { DistributionRelease } from '../../core/distribution/distribution-release.js';
import type { SourceSession } from '../builder/source-session.js';
import type { PlanRelease } from '../nightly/nightly-run.js';
import { releaseMembers, releaseTemplates, withTemplates } from './release-templates.js';

function usage(message: string, hint: string): MageosError {
  return new MageosError('ERR_CONFIG_INVALID', message, { hint });
}

/** The alias metapackages of a release's renamed packages, made beside the package they stand for. */
function aliasesOf(artifacts: PlannedArtifact[], release: DistributionRelease, format: string): PlannedArtifact[] {
  const byNew = new Map(Object.entries(release.renames).map(([upstream, renamed]) => [renamed, upstream]));
  return artifacts.flatMap((a) => {
    const upstream = byNew.get(a.name);
    const upstreamVersion = upstream === undefined ? undefined : release.upstream[upstream];
    if (upstream === undefined || upstreamVersion === undefined || upstream === `${UPSTREAM_VENDOR}/magento2-base`) return [];
    // "*": the same alias serves every release based on this upstream version; the product pins the real one.
    const alias = composerJsonArtifact(aliasComposerJson(upstream, upstreamVersion, a.name, '*'), a, format);
    return [alias];
  });
}

/**
 * A distribution's releases: each source at its ref, every magento/* package under the distribution's vendor at
 * the release version, pinned to each other, replacing the upstream package at its upstream version. Earlier
 * releases come from the build state and stay published as they are.
 */
export class ReleaseRun {
  private readonly byTag = new Map<string, DistributionRelease>();
  /** The plans prepare made of the new release, used once by the build's planning instead of planning again. */
  private readonly firstPlans = new Map<string, ReleasePlan>();

  private constructor(
    readonly release: DistributionRelease,
    readonly releases: DistributionRelease[],
    private readonly format: string,
  ) {
    for (const r of releases) this.byTag.set(r.version, r);
  }

  /** Reads each source's ref and plans it once to learn the release's packages and their new names. */
  static async prepare(
    sessions: SourceSession[],
    config: Config,
    published: DistributionRelease[],
    version: string,
    upstream: (u: { repository: string; version: string }) => Promise<Map<string, string>>,
    plan: PlanRelease,
  ): Promise<ReleaseRun> {
    const dist = config.distribution;
    if (dist === undefined) throw usage('mageos-repo release needs a "distribution" in the config (vendor, upstream repository and version)', 'See docs/distribution.md, or give --vendor, --upstream and --upstream-version.');
    if (versionFileNameProblem(version) !== null || !isValidVersion(version)) throw new MageosError('ERR_USAGE', `release version "${version}" is not a Composer version`, { hint: 'For example: mageos-repo release 1.2.0 ...' });
    const building = sessions.filter((s) => s.config.packages?.length !== 0);
    const sources: DistributionRelease['sources'] = [];
    for (const session of building) {
      const ref = session.config.ref;
      if (ref === undefined) throw usage(`source "${session.name}" has no "ref": a release takes every source at a tag, branch or commit`, 'Set "ref" on the source (or --ref with --source).');
      sources.push({ name: session.name, ref, ...(await session.resolve(ref)) });
    }
    const base = dist.upstream;
    if (base !== undefined && base.version === undefined) {
      throw new MageosError('ERR_USAGE', `the distribution reads upstream versions from ${base.repository}, but no Magento Open Source release is named`, {
        hint: 'Give --upstream-version (e.g. 2.4.7-p3), or "distribution.upstream.version" in the config.',
      });
    }
    const versions = base === undefined ? new Map<string, string>() : await upstream({ repository: base.repository, version: base.version as string });
    const plans = await Promise.all(building.map((s, i) => plan(s, ReleaseRun.refOf(version, sources[i] as DistributionRelease['sources'][number]))));
    for (const p of plans) if (p.errors.length > 0) throw p.errors[0];
    const names = [...new Set(plans.flatMap((p) => p.artifacts.map((a) => a.name)))].sort();
    const renames = new Map(names.map((n) => [n, distributionName(n, dist.vendor)] as const).filter(([from, to]) => from !== to));
    const taken = new Map<string, string>();
    for (const name of names) {
      const final = renames.get(name) ?? name;
      const other = taken.get(final);
      if (other !== undefined) throw usage(`${other} and ${name} would both be published as ${final} under vendor "${dist.vendor}"`, 'Choose another vendor, or leave one of the packages out with the package rules.');
      taken.set(final, name);
    }
    const kept = nameFilter(dist.keepVersions ?? []);
    const members = releaseMembers(plans.flatMap((p) => p.artifacts), taken, (name) => (kept(name) ? undefined : version));
    const values = { vendor: dist.vendor, version, magentoVersion: dist.upstream?.version ?? '', baseUrl: config.baseUrl };
    const templates = await releaseTemplates(dist, values, members);
    const release: DistributionRelease = {
      version,
      sources,
      magentoVersion: dist.upstream?.version ?? '',
      upstream: Object.fromEntries([...versions].filter(([name]) => renames.has(name)).sort()),
      renames: Object.fromEntries(renames),
      versions: Object.fromEntries([...[...taken.keys()].filter((n) => !kept(n)), ...templates.filter((t) => t.extra).map((t) => t.json.name)].map((n) => [n, version])),
      aliases: dist.aliases,
      ...(templates.length > 0 ? { templates } : {}),
    };
    const releases = [...published.filter((r) => r.version !== version), release].sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
    const run = new ReleaseRun(release, releases, config.format);
    building.forEach((s, i) => run.firstPlans.set(`${s.name}\0${version}`, plans[i] as ReleasePlan));
    return run;
  }

  private static refOf(version: string, source: DistributionRelease['sources'][number]): ReleaseRef {
    return { source: source.name, tag: version, ref: source.commit, version, commit: source.commit, tree: source.tree, time: source.time, pinnedLater: true };
  }

  /** The releases a source contributes: one per release of the distribution. */
  releasesOf(session: SourceSession): ReleaseRef[] {
    return this.releases.flatMap((r) => r.sources.filter((s) => s.name === session.name).map((s) => ReleaseRun.refOf(r.version, s)));
  }

  /** Plans a release of a source: the tag build's plan, renamed, versioned and pinned, with the aliases when asked. */
  async plan(session: SourceSession, release: ReleaseRef, planRelease: PlanRelease): Promise<ReleasePlan> {
    const key = `${session.name}\0${release.tag}`;
    const first = this.firstPlans.get(key);
    this.firstPlans.delete(key);
    const plan = first ?? (await planRelease(session, release));
    const record = this.byTag.get(release.tag);
    if (record === undefined || plan.errors.length > 0) return plan;
    const ctx = distributionContext(record.renames, record.versions, record.upstream, record.magentoVersion);
    const extrasAt = record.sources[0]?.name === session.name ? release : null;
    const artifacts = withTemplates(plan.artifacts, record, extrasAt, this.format).map((a) => toDistribution(a, ctx, this.format));
    return { ...plan, artifacts: record.aliases ? [...artifacts, ...aliasesOf(artifacts, record, this.format)] : artifacts };
  }
}
