import { readArchiveContents } from '../../adapters/composer-repository/archive-contents.js';
import type { ComposerRepository, PackageVersion } from '../../adapters/composer-repository/repository.js';
import { isMageosError } from '../../core/errors.js';
import { type PackageFile, packageFiles } from '../../core/verify/file-diff.js';

/** Metadata keys a repository adds to a version's composer.json; left out when metadata stands in for composer.json. */
const REPOSITORY_KEYS = ['version_normalized', 'time', 'dist', 'source', 'notification-url', 'installation-source', 'uid'];

/** One side of a comparison: the version's composer.json and, when it has an archive, its files. */
export interface PackageSide {
  composerJson: unknown;
  /** Null for a version without an archive (a metapackage). */
  files: PackageFile[] | null;
  isMetapackage: boolean;
  /** What kept this side from being read in full. */
  problem?: string;
}

function fromMetadata(v: PackageVersion): Record<string, unknown> {
  const json = { ...v.metadata };
  for (const key of REPOSITORY_KEYS) delete json[key];
  return json;
}

/** Reads one side: its archive's listing and composer.json, or its metadata when it has no archive. */
export async function readPackageSide(repository: ComposerRepository, v: PackageVersion, ignored: (path: string) => boolean, label: string): Promise<PackageSide> {
  const isMetapackage = v.metadata.type === 'metapackage';
  const metadataOnly: PackageSide = { composerJson: fromMetadata(v), files: null, isMetapackage };
  if (v.dist === null) return metadataOnly;
  const archive = await repository.archive(v);
  if (archive === null) return { ...metadataOnly, problem: `${label} archive ${v.dist.url} does not exist` };
  try {
    const contents = await readArchiveContents(archive.file);
    if (contents.root === null || contents.composerJson === null) return { ...metadataOnly, problem: `${label} archive holds no composer.json` };
    const files = packageFiles(contents.entries, contents.root, ignored);
    try {
      return { composerJson: JSON.parse(contents.composerJson), files, isMetapackage };
    } catch (error) {
      return { composerJson: null, files, isMetapackage, problem: `${label} archive's composer.json is not valid JSON: ${(error as Error).message}` };
    }
  } catch (error) {
    if (!isMageosError(error) || error.code !== 'ERR_ARCHIVE_ENTRY_INVALID') throw error;
    return { ...metadataOnly, problem: `${label} archive is not a valid zip: ${error.message}` };
  }
}
