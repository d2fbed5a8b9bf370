import type { Config } from '../../core/config/schema.js';
import { aliasComposerJson, type DistributionContext, distributionName, toDistribution, UPSTREAM_VENDOR } from '../../core/distribution/distribution-artifact.js';
import { MageosError } from '../../core/errors.js';
import { serializeComposerJson } from '../../core/plan/composer-json.js';
import { contentKey } from '../../core/plan/content-key.js';
import type { ReleasePlan } from '../../core/plan/plan-release.js';
import type { PlannedArtifact, ReleaseRef } from '../../core/plan/types.js';
import { isValidVersion, normalizeVersion } from '../../core/version/index.js';
import { nameFilter } from '../../core/verify/name-filter.js';
import type { DistributionRelease } from '../../core/distribution/distribution-release.js';
import type { SourceSession } from '../builder/source-session.js';
import type { PlanRelease } from '../nightly/nightly-run.js';
import { releaseMembers, releaseTemplates, withTemplates } from './release-templates.js';

function usage(message: string, hint: string): MageosError {
  return new MageosError('ERR_CONFIG_INVALID', message, { hint });
}

function contextOf(release: DistributionRelease): DistributionContext {
  return {
    renames: new Map(Object.entries(release.renames)),
    versions: new Map(Object.entries(release.versions)),
    upstream: new Map(Object.entries(release.upstream)),
    magentoVersion: release.magentoVersion,
    base: `${UPSTREAM_VENDOR}/magento2-base`,
    product: `${UPSTREAM_VENDOR}/product-community-edition`,
  };
}

/** The alias metapackages of a release's renamed packages, made beside the package they stand for. */
function aliasesOf(artifacts: PlannedArtifact[], release: DistributionRelease, format: string): PlannedArtifact[] {
  const byNew = new Map(Object.entries(release.renames).map(([upstream, renamed]) => [renamed, upstream]));
  return artifacts.flatMap((a) => {
    const upstream = byNew.get(a.name);
    const upstreamVersion = upstream === undefined ? undefined : release.upstream[upstream];
    if (upstream === undefined || upstreamVersion === undefined || upstream === `${UPSTREAM_VENDOR}/magento2-base`) return [];
    // "*": the same alias serves every release based on this upstream version; the product pins the real one.
    const composerJson = serializeComposerJson(aliasComposerJson(upstream, upstreamVersion, a.name, '*'));
    const alias: PlannedArtifact = {
      ...a,
      name: upstream,
      version: upstreamVersion,
      versionNormalized: normalizeVersion(upstreamVersion),
      kind: 'metapackage',
      dir: '',
      files: [],
      emptyDirs: [],
      composerJson,
      key: contentKey({ format, composerJson, files: [], emptyDirs: [] }),
    };
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
    if (!isValidVersion(version) || /[\s/\\]/.test(version)) throw new MageosError('ERR_USAGE', `release version "${version}" is not a Composer version`, { hint: 'For example: mageos-repo release 1.2.0 ...' });
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
    return new ReleaseRun(release, releases, config.format);
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
    const plan = await planRelease(session, release);
    const record = this.byTag.get(release.tag);
    if (record === undefined || plan.errors.length > 0) return plan;
    const ctx = contextOf(record);
    const extrasAt = record.sources[0]?.name === session.name ? release : null;
    const artifacts = withTemplates(plan.artifacts, record, extrasAt, this.format).map((a) => toDistribution(a, ctx, this.format));
    return { ...plan, artifacts: record.aliases ? [...artifacts, ...aliasesOf(artifacts, record, this.format)] : artifacts };
  }
}
