import { MageosError } from '../errors.js';
import type { ArtifactSummary } from './types.js';

export interface ArchivePrecedence<T extends ArtifactSummary> {
  /** The package versions of the repository: builds that no archive replaces, then every archive. */
  chosen: T[];
  /** Builds left out because an archive holds the same package version. */
  replaced: Array<{ archive: T; built: T }>;
}

const idOf = (a: ArtifactSummary) => `${a.name}@${a.versionNormalized}`;

/**
 * Archives (official bytes) win over builds of the same package version. Archives come in source and file
 * order; the same version in two archives must be the same bytes, and the first is served.
 */
export function preferArchives<T extends ArtifactSummary>(built: readonly T[], archives: readonly T[]): ArchivePrecedence<T> {
  const byId = new Map<string, T>();
  for (const archive of archives) {
    const first = byId.get(idOf(archive));
    if (first === undefined) byId.set(idOf(archive), archive);
    else if (first.key !== archive.key) {
      throw new MageosError('ERR_PACKAGE_INVALID', `${archive.name} ${archive.version} is in two different archives: ${first.tag} (source "${first.source}") and ${archive.tag} (source "${archive.source}")`, {
        hint: 'Keep only the official zip: delete the other one or leave it out with "include".',
      });
    }
  }
  const replaced: ArchivePrecedence<T>['replaced'] = [];
  const kept = built.filter((b) => {
    const archive = byId.get(idOf(b));
    if (archive !== undefined) replaced.push({ archive, built: b });
    return archive === undefined;
  });
  return { chosen: [...kept, ...byId.values()], replaced };
}
