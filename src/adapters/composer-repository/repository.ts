import type { RepositoryAccess } from '../../core/verify/repository-access.js';

export type { RepositoryAccess };

/** Where a version's archive is downloaded from, as the metadata says. */
export interface Dist {
  type: string;
  url: string;
  /** sha1 of the archive; empty when the repository gives none. */
  shasum: string;
}

/** One version of a package as a repository lists it. */
export interface PackageVersion {
  name: string;
  version: string;
  versionNormalized: string;
  /** The whole metadata entry (for a directory of archives: the archive's composer.json). */
  metadata: Record<string, unknown>;
  dist: Dist | null;
}

/** What is wrong with a package's metadata: of one version, or (version null) of the package's file as a whole. */
export interface MetadataProblem {
  version: string | null;
  message: string;
}

/** A package's versions, and what in its metadata could not be taken as it is. */
export interface PackageListing {
  versions: PackageVersion[];
  problems: MetadataProblem[];
}

/** An archive on this machine: the repository's own file, or a download kept in the cache. */
export interface LocalArchive {
  file: string;
  /** Computed on first call where not known from the download: parity never needs it. */
  sha1(): Promise<string>;
}

/** An archive looked up by its URL: found, absent, or not read because the URL leads outside the repository. */
export type ArchiveLookup = { archive: LocalArchive } | { missing: true } | { refused: string };

/** A Composer repository, or a directory of archives, read lazily: nothing is fetched before it is asked for. */
export interface ComposerRepository {
  /** The directory or URL as given. */
  readonly location: string;
  readonly kind: 'composer' | 'archives';
  /** What was passed over while reading, e.g. an archive in a directory of archives that names no package. */
  readonly warnings: string[];
  /** What is wrong with the repository's own metadata (packages.json, includes, provider listings, names it lists). */
  readonly problems: string[];
  /** Only valid package names; a listed name that is not one is a problem instead. */
  packageNames(): Promise<string[]>;
  /** Every version of a package; null when the repository has no metadata for that name. */
  versions(name: string): Promise<PackageListing | null>;
  /** The archive a dist URL (absolute, or relative to the repository root) names, on local disk. */
  archive(dist: { url: string; shasum: string }): Promise<ArchiveLookup>;
  access(): RepositoryAccess;
  /** Deletes downloads that are not kept in the cache. */
  close(): Promise<void>;
}

/** How the repository reads its files: from a directory, or over HTTP through the archive cache. */
export interface RepositoryFiles {
  readonly location: string;
  /** A file named as the metadata names it (relative, root-relative or absolute URL); null when absent. Throws ERR_METADATA_INVALID when it may not be read. */
  readText(ref: string): Promise<string | null>;
  archive(ref: string, shasum: string): Promise<ArchiveLookup>;
  access(): RepositoryAccess;
  close(): Promise<void>;
}
