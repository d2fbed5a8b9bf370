import type { PublishedArtifact } from '../state/build-state.js';

/** composer.json keys that only mean something in a root package; Composer ignores them in a dependency. */
const ROOT_ONLY = new Set(['repositories', 'config', 'minimum-stability', 'prefer-stable']);

export type VersionEntry = Record<string, unknown>;

/** Composer's time format: ISO 8601 with an explicit UTC offset. */
export function composerTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** Joins the repository base URL (which ends with "/") and a path inside the repository. */
export function repositoryUrl(baseUrl: string, path: string): string {
  return `${baseUrl}${path.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * One version of a package as Composer reads it from repository metadata: the archive's composer.json
 * plus version_normalized, time and dist (built metapackages have no dist: there is nothing to download).
 */
export function versionEntry(artifact: PublishedArtifact, baseUrl: string): VersionEntry {
  const json = JSON.parse(artifact.composerJson) as Record<string, unknown>;
  const entry: VersionEntry = { name: artifact.name, version: artifact.version, version_normalized: artifact.versionNormalized };
  for (const [key, value] of Object.entries(json)) {
    if (key === 'name' || key === 'version' || ROOT_ONLY.has(key)) continue;
    entry[key] = value;
  }
  if (artifact.time !== null) entry.time = composerTime(artifact.time);
  // A metapackage from an archive source keeps its dist: the official zip exists and Composer ignores it.
  if (artifact.kind !== 'metapackage' || artifact.origin === 'archive') {
    entry.dist = { type: 'zip', url: repositoryUrl(baseUrl, artifact.file), reference: artifact.commit, shasum: artifact.sha1 };
  }
  return entry;
}
