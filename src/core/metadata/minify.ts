import type { VersionEntry } from './version-entry.js';

const UNSET = '__unset';

/**
 * Composer 2's "composer/2.0" minified list: the first version whole, each next one only with the keys
 * whose values differ from the version before it, and "__unset" for keys it no longer has.
 */
export function minifyVersions(versions: readonly VersionEntry[]): VersionEntry[] {
  const result: VersionEntry[] = [];
  let previous: VersionEntry | null = null;
  for (const version of versions) {
    if (previous === null) {
      result.push(version);
    } else {
      const diff: VersionEntry = {};
      for (const [key, value] of Object.entries(version)) {
        if (JSON.stringify(previous[key]) !== JSON.stringify(value)) diff[key] = value;
      }
      for (const key of Object.keys(previous)) if (!(key in version)) diff[key] = UNSET;
      result.push(diff);
    }
    previous = version;
  }
  return result;
}

/** The inverse of minifyVersions, as Composer's MetadataMinifier::expand does it. */
export function expandVersions(minified: readonly VersionEntry[]): VersionEntry[] {
  const result: VersionEntry[] = [];
  let current: VersionEntry = {};
  for (const diff of minified) {
    current = { ...current };
    for (const [key, value] of Object.entries(diff)) {
      if (value === UNSET) delete current[key];
      else current[key] = value;
    }
    result.push(current);
  }
  return result;
}
