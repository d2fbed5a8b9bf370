import type { RepositoryAccess } from './repository-access.js';
import { compareVersions } from '../version/index.js';
import type { FileDiff } from './file-diff.js';

export interface VersionRef {
  package: string;
  version: string;
}

/** A composer.json value that differs; a side without the key has no value. */
export interface ComposerJsonChange {
  key: string;
  ours?: unknown;
  reference?: unknown;
}

/** How one package version present in both repositories differs. */
export interface VersionDifference extends VersionRef {
  files: FileDiff;
  composerJson: ComposerJsonChange[];
  /** Set when only one side has an archive for a version that is not a metapackage. */
  distOnlyIn?: 'ours' | 'reference';
  /** What kept a side from being compared: a missing or damaged archive, an archive without composer.json. */
  problems: string[];
}

/** Metadata of one side that could not be taken as it is: its versions are compared without it. */
export interface ParityProblem {
  side: 'ours' | 'reference';
  /** "(repository)" for the repository's own packages.json. */
  package: string;
  version: string | null;
  message: string;
}

export interface ParityReport {
  repository: string;
  reference: string;
  counts: { compared: number; identical: number; differing: number; onlyInOurs: number; onlyInReference: number; problems: number };
  differing: VersionDifference[];
  onlyInOurs: VersionRef[];
  onlyInReference: VersionRef[];
  /** Damaged metadata on either side, sorted by side, package and version. */
  problems: ParityProblem[];
  /** What a reader passed over, e.g. archives of a reference directory that name no package. */
  warnings: string[];
  /** Where each repository was read from, and what was not fetched. */
  access: RepositoryAccess[];
  durationMs: number;
}

function versionOrder(a: string, b: string): number {
  try {
    return compareVersions(a, b);
  } catch {
    return a < b ? -1 : a > b ? 1 : 0;
  }
}

/** Package name, then version (oldest first): the order every list of a report is in. */
export function compareVersionRefs(a: VersionRef & { normalized?: string }, b: VersionRef & { normalized?: string }): number {
  if (a.package !== b.package) return a.package < b.package ? -1 : 1;
  return versionOrder(a.normalized ?? a.version, b.normalized ?? b.version);
}

const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compareParityProblems(a: ParityProblem, b: ParityProblem): number {
  return order(a.side, b.side) || order(a.package, b.package) || order(a.version ?? '', b.version ?? '') || order(a.message, b.message);
}

/** Parity passes when every version compared is identical, none is on one side only, and both sides' metadata is sound. */
export function parityPassed(report: ParityReport): boolean {
  const { counts } = report;
  return counts.differing === 0 && counts.onlyInOurs === 0 && counts.onlyInReference === 0 && counts.problems === 0;
}
