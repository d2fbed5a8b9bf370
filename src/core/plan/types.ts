import type { PackageRule } from '../config/schema.js';

/** One entry of a git tree as the planner sees it (paths relative to the repository root). */
export interface TreeFile {
  path: string;
  mode: string;
  type: 'blob' | 'commit';
  oid: string;
}

/** A ref that is built as a release: a tag, or an extra ref released under a given version. */
export interface ReleaseRef {
  source: string;
  /** The tag name, or for an extra ref the version it is released as; decides the build order. */
  tag: string;
  /** What git resolves: `refs/tags/<name>`, a branch or a commit. */
  ref: string;
  /** The release version taken from the tag name (a leading "v" dropped). */
  version: string;
  commit: string;
  tree: string;
  /** Committer time of the commit, unix seconds. */
  time: number;
  /** A night's release: requirements between its packages are pinned after planning, so the tag checks on them do not apply. */
  pinnedLater?: true;
}

export type PackageKind = 'package' | 'metapackage';

/** A directory of a tree that a package rule turned into a package. */
export interface PackageCandidate {
  dir: string;
  /** The rule that made it, for rules that say more than "which directory" (composerJson edits). */
  rule?: PackageRule;
  /** `auto` candidates become metapackages when their composer.json says `"type": "metapackage"`. */
  kind: PackageKind | 'auto';
  composerJsonOid: string;
  exclude: string[];
  emptyDirs: string[];
}

export interface ArtifactFile {
  path: string;
  oid: string;
  executable: boolean;
  /** The source whose repository holds the blob, when it is not the artifact's own (replace-files from another source). */
  source?: string;
}

/** Everything that identifies an artifact, without its file list: what the build state keeps. */
export interface ArtifactSummary {
  name: string;
  version: string;
  versionNormalized: string;
  kind: PackageKind;
  source: string;
  tag: string;
  /** The commit built (an archive source's zip: its sha1); the dist reference. */
  commit: string;
  /** Unix seconds; null for an archive that states none (its composer.json's own "time", if any, is served). */
  time: number | null;
  dir: string;
  key: string;
  /** Set by an allow-version-down fix: older than the version of an earlier release of the same line, on purpose. */
  versionDownAllowed?: true;
}

/** One package version ready to be written: its files and its final composer.json. */
export interface PlannedArtifact extends ArtifactSummary {
  files: ArtifactFile[];
  emptyDirs: string[];
  composerJson: string;
  /**
   * Taken from the plan an earlier build made of an unchanged directory: `files` and `emptyDirs` were not read (they
   * are empty). Such an artifact is in the repository already; to be written, its release is planned again.
   */
  filesNotRead?: true;
}

/** Something the planner left out or changed that the user should see. */
export interface PlanWarning {
  source: string;
  tag?: string;
  package?: string;
  path?: string;
  message: string;
  /** "info": what the config asked for happened (a package derived because a release lacks its file): shown as a note, not counted as a warning. */
  level?: 'info';
}

export function artifactId(a: { name: string; version: string }): string {
  return `${a.name}@${a.version}`;
}
