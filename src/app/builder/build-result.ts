import type { CheckResult } from '../../core/status/status-document.js';
import type { IgnoredTag } from '../../core/plan/release-refs.js';
import type { PlanWarning } from '../../core/plan/types.js';

export type ArtifactAction =
  /** new package version: written */
  | 'build'
  /** already in the repository with the same content key */
  | 'reuse'
  /** in the state but its archive is missing or damaged: written again */
  | 'repair'
  /** content key changed for a published version: rebuilt aside and compared */
  | 'check'
  /** an archive is on disk that the state does not list (a killed build): rebuilt aside and compared */
  | 'adopt';

export interface PlannedAction {
  package: string;
  version: string;
  source: string;
  tag: string;
  kind: 'package' | 'metapackage';
  key: string;
  file: string;
  action: ArtifactAction;
}

export interface DriftReport {
  package: string;
  version: string;
  file: string;
  source: string;
  tag: string;
  added: string[];
  removed: string[];
  changed: string[];
  composerJson: Array<{ key: string; published: unknown; rebuilt: unknown }>;
}

export interface ReportedError {
  code: string;
  message: string;
  hint?: string;
}

export interface SourceReport {
  name: string;
  gitDir: string;
  fetched: boolean;
  /** The fetch failed (with --keep-going): built from the cache clone as the last successful fetch left it. */
  stale?: true;
  releases: string[];
  ignoredTags: IgnoredTag[];
  /** Its package rules are `[]`: it only provides files to other sources' rules and fixes, so it has no releases. */
  filesOnly?: true;
}

export interface BuildResult {
  outDir: string;
  dryRun: boolean;
  /** Nothing changed since the last complete build: nothing was read beyond the refs, nothing written. */
  upToDate: boolean;
  sources: SourceReport[];
  counts: { planned: number; built: number; reused: number; skipped: number; failed: number; drift: number; warnings: number };
  /** Package versions ("vendor/name@version") left out by skip fixes, at every release that has them. */
  skipped: string[];
  bytesWritten: number;
  durationMs: number;
  /** Where the time went, in milliseconds: opening sources and listing refs, planning releases, writing archives, metadata and state. */
  phaseMs: Record<BuildPhase, number>;
  actions: PlannedAction[];
  warnings: PlanWarning[];
  errors: ReportedError[];
  drift: DriftReport[];
  unusedFixes: Array<{ source: string; package: string; reason: string }>;
  /** Metadata files written, left unchanged, and deleted (retired by the previous build). */
  metadata: { written: number; unchanged: number; deleted: number };
  /** Package versions that left the repository in this build (their archives are deleted after the grace period). */
  removed: string[];
  /** Archives deleted because their grace period ended (or --prune-archives). */
  prunedArchives: string[];
  /** A nightly build (sources with a branch): the night, whether it was published, and its checks. */
  night?: NightReport;
  /** With --check, --republish or --rebuild-state: published archives re-hashed, and what was found. */
  archiveCheck?: ArchiveCheck;
  /** A release of a distribution (mageos-repo release). */
  release?: ReleaseReport;
}

export interface ReleaseReport {
  version: string;
  vendor: string;
  /** Packages of the release, by their published names. */
  packages: number;
  /** The Magento Open Source release it is based on ("" without an upstream). */
  magentoVersion: string;
  /** Whether this build recorded the release (false after errors or drift: the repository holds it as it was). */
  recorded: boolean;
}

export interface NightReport {
  night: string;
  /** published: checks passed, the metadata serves it; failed: not published (the previous night is still served); unchanged: no source has a new commit. */
  result: 'published' | 'failed' | 'unchanged';
  /** The night the metadata serves after this build, or null when none. */
  served: string | null;
  checks: CheckResult[];
  /** Packages of the night with content new since the night before. */
  changed: string[];
}

export interface ArchiveCheck {
  /** Archives whose sha1 was computed again. */
  hashed: number;
  /** Package versions whose archive's bytes differ from the recorded sha1. */
  damaged: string[];
  /** Damaged archives written again with the recorded bytes (or, with --republish, new ones). */
  restored: string[];
}

/** The steps of a build, in order, as `phaseMs` reports them. */
export type BuildPhase = 'sources' | 'plan' | 'write' | 'metadata';

export interface BuildProgress {
  phase: 'sources' | 'check' | 'plan' | 'build';
  done: number;
  total: number;
  detail?: string;
}
