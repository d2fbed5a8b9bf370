import type { ArchiveLookup, LocalArchive, PackageVersion } from '../../adapters/composer-repository/repository.js';
import { type PackageFile, packageFiles } from '../../core/verify/file-diff.js';
import { jsonDeeperThan, MAX_JSON_DEPTH } from '../../core/verify/metadata-entry.js';
import type { ArchiveRead } from './archive-reads.js';

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

/** Where a side's archive is, as looked up; null for a side read from its metadata. */
export interface SideArchive {
  url: string;
  lookup: ArchiveLookup;
  /** The archive is not named by the metadata (a metapackage's archive at its usual path): when absent, the metadata stands in, with no problem. */
  optional?: boolean;
}

function parsedComposerJson(text: string, label: string): { value: unknown } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `${label} archive's composer.json is not valid JSON: ${(error as Error).message}` };
  }
  return jsonDeeperThan(value, MAX_JSON_DEPTH) ? { problem: `${label} archive's composer.json nests deeper than ${MAX_JSON_DEPTH} levels` } : { value };
}

/** One side: its archive's listing and composer.json, or its metadata when it has no archive. */
export async function readPackageSide(v: PackageVersion, archive: SideArchive | null, read: (archive: LocalArchive) => Promise<ArchiveRead>, ignored: (path: string) => boolean, label: string): Promise<PackageSide> {
  const isMetapackage = v.metadata.type === 'metapackage';
  const metadataOnly: PackageSide = { composerJson: fromMetadata(v), files: null, isMetapackage };
  if (archive === null) return metadataOnly;
  const { lookup, url } = archive;
  if (!('archive' in lookup)) {
    if (archive.optional === true) return metadataOnly;
    return { ...metadataOnly, problem: 'refused' in lookup ? `${label} archive ${url} is not read: ${lookup.refused}` : `${label} archive ${url} does not exist` };
  }
  const result = await read(lookup.archive);
  if ('invalid' in result) return { ...metadataOnly, problem: `${label} archive is not a valid zip: ${result.invalid}` };
  const { contents } = result;
  if (contents.composerJsonTooLarge !== undefined) return { ...metadataOnly, problem: `${label} archive's composer.json is ${contents.composerJsonTooLarge} bytes, too large to be read` };
  if (contents.root === null || contents.composerJson === null) return { ...metadataOnly, problem: `${label} archive holds no composer.json` };
  const files = packageFiles(contents.entries, contents.root, ignored);
  const json = parsedComposerJson(contents.composerJson, label);
  return 'value' in json ? { composerJson: json.value, files, isMetapackage } : { composerJson: null, files, isMetapackage, problem: json.problem };
}
