import type { ArtifactSummary } from './types.js';

/**
 * Picks the one build of each package version among all releases (given in build order): the first release
 * that has it, or for a metapackage the last one (the facts of the `mageos` archive format).
 */
export function selectArtifacts<T extends ArtifactSummary>(inBuildOrder: Iterable<T>): T[] {
  const chosen = new Map<string, T>();
  for (const artifact of inBuildOrder) {
    const id = `${artifact.name}@${artifact.versionNormalized}`;
    if (!chosen.has(id) || artifact.kind === 'metapackage') chosen.set(id, artifact);
  }
  return [...chosen.values()];
}
