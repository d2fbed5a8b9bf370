import type { PublishedArtifact } from '../state/build-state.js';
import { RequirementIndex } from '../verify/requirement-index.js';

/** What the integrity check needs of a package of the night. */
export type NightPackage = Pick<PublishedArtifact, 'name' | 'version' | 'versionNormalized' | 'composerJson'>;

/**
 * The requirements of the night's packages that the night does not satisfy, one line each: requirements on its
 * own packages, and on any other name of its vendors (one night's packages install together, so a sibling the
 * night lacks means a source is missing), except names `fromUpstream` matches, which come from the upstream
 * repository (the install check reads it). A distribution adds the upstream vendor: a `magento/*` requirement must
 * be met by a package of the night (its own or through `replace`).
 */
export function unmetNightRequirements(packages: readonly NightPackage[], fromUpstream: (name: string) => boolean = () => false, alsoVendors: readonly string[] = []): string[] {
  const index = new RequirementIndex();
  const parsed = packages.map((p) => ({ p, json: JSON.parse(p.composerJson) as Record<string, unknown> }));
  for (const { p, json } of parsed) index.add({ ...p, replace: json.replace, provide: json.provide });
  const vendors = new Set([...packages.map((p) => vendorOf(p.name)), ...alsoVendors]);
  const mustResolve = (name: string) => vendors.has(vendorOf(name)) && !fromUpstream(name);
  const problems: string[] = [];
  for (const { p, json } of parsed) {
    for (const u of index.unmet(p, json.require, mustResolve)) {
      const has = u.available.length > 0 ? `it has ${u.available.join(', ')}` : 'it has no version of it';
      problems.push(`${p.name} ${p.version} requires ${u.require} ${u.constraint}, which the night does not have (${has})`);
    }
  }
  return problems.sort();
}

function vendorOf(name: string): string {
  return name.toLowerCase().split('/')[0] ?? '';
}
