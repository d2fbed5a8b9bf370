import type { PublishedArtifact } from '../state/build-state.js';
import { RequirementIndex } from '../verify/requirement-index.js';

/** What the integrity check needs of a package of the night. */
export type NightPackage = Pick<PublishedArtifact, 'name' | 'version' | 'versionNormalized' | 'composerJson'>;

/**
 * The requirements of the night's packages that the night does not satisfy, one line each: requirements on its
 * own packages, and on names `mustResolve` accepts (a vendor whose packages the night is meant to hold entirely,
 * `nightly.mustResolve`); requirements on anything else are left to the install check, which reads the upstream
 * repository.
 */
export function unmetNightRequirements(packages: readonly NightPackage[], mustResolve: (name: string) => boolean = () => false): string[] {
  const index = new RequirementIndex();
  const parsed = packages.map((p) => ({ p, json: JSON.parse(p.composerJson) as Record<string, unknown> }));
  for (const { p, json } of parsed) index.add({ ...p, replace: json.replace, provide: json.provide });
  const problems: string[] = [];
  for (const { p, json } of parsed) {
    for (const u of index.unmet(p, json.require, mustResolve)) {
      const has = u.available.length > 0 ? `it has ${u.available.join(', ')}` : 'it has no version of it';
      problems.push(`${p.name} ${p.version} requires ${u.require} ${u.constraint}, which the night does not have (${has})`);
    }
  }
  return problems.sort();
}
