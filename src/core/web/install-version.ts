import { compareVersions, parseStability, type Stability } from '../version/index.js';

export interface VersionLike {
  version: string;
  versionNormalized: string;
}

/** What the index shows beside a package: the version Composer installs by default and a newer pre-release. */
export interface InstallChoice<T extends VersionLike> {
  /** Newest stable; without one, the newest pre-release; without one, the newest development version. */
  headline: T;
  headlineStability: Stability;
  /** Newest alpha, beta or RC newer than a stable headline. */
  preRelease?: T;
  /** The constraint to add to `composer require` (empty: none needed, Composer picks the headline itself). */
  constraint: string;
}

const newest = <T extends VersionLike>(versions: readonly T[]): T | undefined =>
  versions.reduce<T | undefined>((best, v) => (best === undefined || compareVersions(v.versionNormalized, best.versionNormalized) > 0 ? v : best), undefined);

/**
 * The version a project with Composer's default minimum-stability (stable) gets from `composer require vendor/name`;
 * a package without a stable version needs a constraint that allows its stability, as Composer itself writes it.
 */
export function installChoice<T extends VersionLike>(versions: readonly [T, ...T[]]): InstallChoice<T> {
  const byStability = (wanted: (s: Stability) => boolean) => newest(versions.filter((v) => wanted(parseStability(v.version))));
  const stable = byStability((s) => s === 'stable');
  const preRelease = byStability((s) => s !== 'stable' && s !== 'dev');
  if (stable !== undefined) {
    const newer = preRelease !== undefined && compareVersions(preRelease.versionNormalized, stable.versionNormalized) > 0;
    return { headline: stable, headlineStability: 'stable', ...(newer ? { preRelease } : {}), constraint: '' };
  }
  const headline = preRelease ?? (newest(versions) as T);
  const stability = parseStability(headline.version);
  return { headline, headlineStability: stability, constraint: recommendedConstraint(headline, stability) };
}

/** Composer's VersionSelector::findRecommendedRequireVersion: 1.1.7-beta1 → ^1.1@beta, 0.3.1-RC2 → ^0.3.1@RC, a branch as it is named. */
export function recommendedConstraint(v: VersionLike, stability: Stability): string {
  const parts = v.versionNormalized.split('.');
  if (stability === 'dev' || parts.length !== 4 || !/^\d+\D?/.test(parts[3] as string)) return v.version;
  const kept = parts.slice(0, parts[0] === '0' ? 3 : 2).join('.');
  return `^${kept}${stability === 'stable' ? '' : `@${stability}`}`;
}
