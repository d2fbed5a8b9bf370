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

/** An archive on this machine: the repository's own file, or a download kept in the cache. */
export interface LocalArchive {
  file: string;
  /** Computed on first call where not known from the download: parity never needs it. */
  sha1(): Promise<string>;
}

/** A Composer repository, or a directory of archives, read lazily: nothing is fetched before it is asked for. */
export interface ComposerRepository {
  /** The directory or URL as given. */
  readonly location: string;
  readonly kind: 'composer' | 'archives';
  /** What was passed over while reading, e.g. an archive in a directory of archives that names no package. */
  readonly warnings: string[];
  packageNames(): Promise<string[]>;
  /** Every version of a package; null when the repository has no metadata for that name. */
  versions(name: string): Promise<PackageVersion[] | null>;
  /** The version's archive on local disk, or null when the repository does not have it. */
  archive(version: PackageVersion): Promise<LocalArchive | null>;
  /** Deletes downloads that are not kept in the cache. */
  close(): Promise<void>;
}

/** How the repository reads its files: from a directory, or over HTTP through the archive cache. */
export interface RepositoryFiles {
  readonly location: string;
  /** A file named as the metadata names it (relative, root-relative or absolute URL); null when absent. */
  readText(ref: string): Promise<string | null>;
  archive(ref: string, shasum: string): Promise<LocalArchive | null>;
  close(): Promise<void>;
}
