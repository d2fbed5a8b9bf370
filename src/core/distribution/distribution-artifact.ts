import type { ComposerJson } from '../plan/composer-json.js';
import { withPinnedVersions } from '../nightly/nightly-artifact.js';
import type { PlannedArtifact } from '../plan/types.js';

/** The vendor a distribution renames: Magento Open Source's. */
export const UPSTREAM_VENDOR = 'magento';

/** What a release of a distribution does to each of its packages. */
export interface DistributionContext {
  /** Upstream name → the distribution's name, for every renamed package of the release. */
  renames: ReadonlyMap<string, string>;
  /** The distribution's name → version, for every package of the release pinned to it (packages published elsewhere are not here). */
  versions: ReadonlyMap<string, string>;
  /** Upstream name → its version at the Magento Open Source release the distribution is based on. */
  upstream: ReadonlyMap<string, string>;
  /** That Magento Open Source release (`extra.magento_version` of the product). */
  magentoVersion: string;
  /** Upstream names of the base package (never a `replace`) and of the product metapackage. */
  base: string;
  product: string;
}

/** The context of a release or night as the build state records it: upstream name → new name, new name → version, upstream name → upstream version. */
export function distributionContext(renames: Record<string, string>, versions: Record<string, string>, upstream: Record<string, string>, magentoVersion: string): DistributionContext {
  return {
    renames: new Map(Object.entries(renames)),
    versions: new Map(Object.entries(versions)),
    upstream: new Map(Object.entries(upstream)),
    magentoVersion,
    base: `${UPSTREAM_VENDOR}/magento2-base`,
    product: `${UPSTREAM_VENDOR}/product-community-edition`,
  };
}

/** Sections whose keys name packages: renamed packages are named by their new names there. */
const RENAMED_SECTIONS = ['require', 'require-dev', 'suggest', 'replace', 'conflict', 'provide'] as const;

/** `magento/x` → `<vendor>/x`; other vendors' packages keep their names. */
export function distributionName(name: string, vendor: string): string {
  const [from, rest] = name.split('/');
  return from === UPSTREAM_VENDOR && rest !== undefined ? `${vendor}/${rest}` : name;
}

function renamedLinks(links: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (typeof links !== 'object' || links === null || Array.isArray(links)) return links;
  return Object.fromEntries(Object.entries(links as Record<string, unknown>).map(([name, constraint]) => [renames.get(name.toLowerCase()) ?? name, constraint]));
}

/**
 * A package's composer.json as the distribution publishes it: its new name, every link to a renamed package by
 * the new name, a `replace` of the upstream package it stands for at the upstream version (so extensions that
 * require `magento/*` resolve; never for the base package), and `extra.magento_version` on the product.
 */
export function renameForDistribution(json: ComposerJson, ctx: DistributionContext): ComposerJson {
  const upstreamName = json.name;
  const renamed: ComposerJson = { ...json, name: ctx.renames.get(upstreamName) ?? upstreamName };
  for (const section of RENAMED_SECTIONS) if (renamed[section] !== undefined) renamed[section] = renamedLinks(renamed[section], ctx.renames);
  const upstreamVersion = ctx.upstream.get(upstreamName);
  if (renamed.name !== upstreamName && upstreamVersion !== undefined && upstreamName !== ctx.base) {
    renamed.replace = { ...((renamed.replace as Record<string, unknown> | undefined) ?? {}), [upstreamName]: upstreamVersion };
  }
  if (upstreamName === ctx.product && ctx.magentoVersion !== '') renamed.extra = { ...((renamed.extra as Record<string, unknown> | undefined) ?? {}), magento_version: ctx.magentoVersion };
  return renamed;
}

/** A package of the release as the distribution publishes it: renamed, at its release version, pinned to the release. */
export function toDistribution(artifact: PlannedArtifact, ctx: DistributionContext, format: string): PlannedArtifact {
  return withPinnedVersions(artifact, renameForDistribution(JSON.parse(artifact.composerJson) as ComposerJson, ctx), ctx.versions, format);
}

/**
 * The `magento/<x>` metapackage that stands for a renamed package at its upstream version: Composer 2 looks
 * packages up by name, and finds none that only appears in another package's `replace`.
 */
export function aliasComposerJson(upstreamName: string, upstreamVersion: string, name: string, version: string): ComposerJson {
  return { name: upstreamName, description: `Alias of ${name}, which replaces ${upstreamName} ${upstreamVersion}`, type: 'metapackage', version: upstreamVersion, require: { [name]: version } };
}
