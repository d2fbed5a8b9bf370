import { Answers } from '../answers.js';
import { MageosError } from '../errors.js';
import { compareVersions, normalizeVersion, satisfies } from '../version/index.js';
import type { ComposerJson } from './composer-json.js';
import type { ArtifactSummary, PlannedArtifact, PlanWarning, ReleaseRef } from './types.js';

function composerJsonPath(dir: string): string {
  return dir === '' ? 'composer.json' : `${dir}/composer.json`;
}

const requirements = new Answers<Array<[string, string]>>(20_000);

/** The string constraints of a final composer.json's "require"; a package unchanged across releases is parsed once. */
function requirementsOf(composerJson: string): Array<[string, string]> {
  return requirements.get(composerJson, () => {
    const require = ((JSON.parse(composerJson) as ComposerJson).require ?? {}) as Record<string, unknown>;
    return Object.entries(require).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  });
}

/** Whether `version` satisfies `constraint`; a constraint that cannot be read is satisfied by nothing. */
function fits(version: string, constraint: string): boolean {
  try {
    return satisfies(version, constraint);
  } catch {
    return false;
  }
}

/** The highest of `versions` that satisfies `constraint`, if any. */
function highestFitting(versions: Iterable<string>, constraint: string): string | undefined {
  let best: string | undefined;
  for (const v of versions) if (fits(v, constraint) && (best === undefined || compareVersions(normalizeVersion(v), normalizeVersion(best)) > 0)) best = v;
  return best;
}

/**
 * A release must hold the versions its own packages require of each other: a metapackage pinning a module version
 * the tag does not contain would publish a product that cannot install, so that stays an error. A package whose
 * requirement an earlier version of its sibling satisfies (beta 2.0.0 requiring alpha ^1.1 at a tag holding alpha
 * 2.0.0) still installs, with that version: a warning.
 *
 * `available` gives the other versions of a package that the repository serves (published or planned).
 */
export function unmetReleaseRequirements(
  release: ReleaseRef,
  artifacts: readonly PlannedArtifact[],
  available: (name: string) => Iterable<string> = () => [],
): { errors: MageosError[]; warnings: PlanWarning[] } {
  const built = new Map(artifacts.map((a) => [a.name, a.version]));
  const errors: MageosError[] = [];
  const warnings: PlanWarning[] = [];
  for (const artifact of artifacts) {
    for (const [name, constraint] of requirementsOf(artifact.composerJson)) {
      const version = built.get(name);
      if (version === undefined || constraint === 'self.version' || fits(version, constraint)) continue;
      const path = composerJsonPath(artifact.dir);
      const unmet = `${artifact.name} requires ${name} "${constraint}", but the release holds ${name} ${version}`;
      const instead = artifact.kind === 'metapackage' ? undefined : highestFitting(available(name), constraint);
      if (instead !== undefined) {
        const message = `${unmet}; it installs with the earlier ${name} ${instead}`;
        warnings.push({ source: release.source, tag: release.tag, package: artifact.name, path, message });
        continue;
      }
      errors.push(
        new MageosError('ERR_PACKAGE_INVALID', `${path} at ${release.tag} of source "${release.source}": ${unmet}`, {
          hint: 'Fix the requirement with an edit-links fix, or the version with a set-version fix, for this tag; or skip the tag.',
        }),
      );
    }
  }
  return { errors, warnings };
}

/** One release cannot say which of two directories is the package: each name made more than once is an error. */
export function packagesMadeTwice(release: ReleaseRef, artifacts: readonly PlannedArtifact[]): { names: Set<string>; errors: MageosError[] } {
  const dirsOf = new Map<string, string[]>();
  for (const a of artifacts) {
    const dirs = dirsOf.get(a.name);
    if (dirs === undefined) dirsOf.set(a.name, [a.dir]);
    else dirs.push(a.dir);
  }
  const errors: MageosError[] = [];
  const names = new Set<string>();
  for (const [name, dirs] of dirsOf) {
    if (dirs.length < 2) continue;
    names.add(name);
    const where = dirs.map((d) => (d === '' ? 'the repository root' : `"${d}"`)).join(', ');
    errors.push(
      new MageosError('ERR_PACKAGE_INVALID', `${name} is in ${dirs.length} places at ${release.tag} of source "${release.source}": ${where}`, {
        hint: 'Give the source package rules that take only one of these directories (an "exclude" glob, or a "modules"/"directory" rule; see docs/configuration.md).',
      }),
    );
  }
  return { names, errors };
}

export interface ReleaseVersions {
  source: string;
  tag: string;
  /** The release version (from the tag). */
  version: string;
  packages: ReadonlyArray<{ name: string; version: string; dir: string; versionDownAllowed?: boolean }>;
}

/** Releases of one line (same major.minor.patch: 2.4.7, 2.4.7-p1, 2.4.7-p2 ...) are compared with each other. */
function lineOf(normalizedRelease: string): string {
  return normalizedRelease.split('-')[0]?.split('.').slice(0, 3).join('.') ?? normalizedRelease;
}

/**
 * A package whose version goes down from one release to a later one of the same release line points at a broken
 * tag: the later release would install older code. (Across lines it is normal: a backport in 1.2.4-p9 can carry a
 * higher module version than 1.2.5.)
 */
export function decreasingVersions(releases: readonly ReleaseVersions[]): Array<{ source: string; tag: string; error: MageosError }> {
  const withVersions = releases.map((r) => ({ ...r, normalized: normalizeVersion(r.version) }));
  const ordered = withVersions.sort((a, b) => compareVersions(a.normalized, b.normalized));
  const highest = new Map<string, { version: string; normalized: string; tag: string; release: string }>();
  const problems: Array<{ source: string; tag: string; error: MageosError }> = [];
  for (const release of ordered) {
    for (const p of release.packages) {
      const key = `${release.source}\0${lineOf(release.normalized)}\0${p.name}`;
      const normalized = normalizeVersion(p.version);
      const before = highest.get(key);
      const laterRelease = before !== undefined && compareVersions(release.normalized, before.release) > 0;
      // An allowed step down is not a problem, and the highest version stays what later releases are held to.
      if (before !== undefined && laterRelease && compareVersions(normalized, before.normalized) < 0 && p.versionDownAllowed !== true) {
        problems.push({
          source: release.source,
          tag: release.tag,
          error: new MageosError(
            'ERR_PACKAGE_INVALID',
            `${composerJsonPath(p.dir)} at ${release.tag} of source "${release.source}": ${p.name} ${p.version} is older than ${before.version} at the earlier release ${before.tag}`,
            {
              hint: 'Correct the version with a set-version fix for this tag, or skip the tag; if the release really ships the older version, say so with an allow-version-down fix.',
            },
          ),
        });
        continue;
      }
      if (before === undefined || compareVersions(normalized, before.normalized) > 0) {
        highest.set(key, { version: p.version, normalized, tag: release.tag, release: release.normalized });
      }
    }
  }
  return problems;
}

/**
 * The versions in `missing` that a composer.json requires with no version in `available` that would do instead,
 * as "vendor/name version".
 */
export function missingRequirements(composerJson: string, available: readonly ArtifactSummary[], missing: readonly ArtifactSummary[]): string[] {
  const require = new Map(requirementsOf(composerJson));
  const needs: string[] = [];
  for (const m of missing) {
    const constraint = require.get(m.name);
    if (constraint === undefined || !fits(m.version, constraint)) continue;
    if (!available.some((a) => a.name === m.name && fits(a.version, constraint))) needs.push(`${m.name} ${m.version}`);
  }
  return needs;
}
