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

export interface ParityReport {
  repository: string;
  reference: string;
  counts: { compared: number; identical: number; differing: number; onlyInOurs: number; onlyInReference: number };
  differing: VersionDifference[];
  onlyInOurs: VersionRef[];
  onlyInReference: VersionRef[];
  /** What a reader passed over, e.g. archives of a reference directory that name no package. */
  warnings: string[];
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

/** Parity passes when every version compared is identical and none is on one side only. */
export function parityPassed(report: ParityReport): boolean {
  const { counts } = report;
  return counts.differing === 0 && counts.onlyInOurs === 0 && counts.onlyInReference === 0;
}
