import { MageosError } from '../errors.js';
import type { NightRecord } from '../nightly/night-ledger.js';
import type { DistributionRelease } from '../distribution/distribution-release.js';
import { jsonErrorReason } from '../json-error.js';
import { stateShapeProblem } from './state-shape.js';
import type { DirectoryPlan } from '../plan/package-plan-memo.js';
import type { ArtifactSummary } from '../plan/types.js';

export const STATE_VERSION = 1;

/** A package version that is in the repository: where its archive is and what it holds. */
export interface PublishedArtifact extends ArtifactSummary {
  /** Archive path relative to the repository root. */
  file: string;
  sha1: string;
  size: number;
  composerJson: string;
  /** "archive": a ready-made zip of an archive source, copied unchanged; absent: built from git. */
  origin?: 'archive';
}

/** What planning a release found, kept so that an unchanged tag is not read again. */
export interface ReleaseRecord {
  commit: string;
  rulesHash: string;
  artifacts: ArtifactSummary[];
  /** Package versions a skip fix left out of this release. */
  skipped?: string[];
  /**
   * By directory, the packages whose plan the next release takes when their directory is unchanged (see
   * `DirectoryPlan`); kept for the last release planned of each source only.
   */
  directories?: Record<string, DirectoryPlan>;
}

/** Metadata files of the last publish, and those retired by it (deleted at the next publish). */
export interface MetadataState {
  published: string[];
  retired: string[];
}

/** An archive whose version left the repository's metadata; the file is deleted once the grace period is over. */
export interface RetiredArchive {
  file: string;
  since: number;
}

export interface BuildState {
  stateVersion: number;
  format: string;
  /** Hash of every input of the last build that finished without errors; equal means nothing to do. */
  fingerprint: string | null;
  artifacts: Record<string, PublishedArtifact>;
  releases: Record<string, Record<string, ReleaseRecord>>;
  metadata?: MetadataState;
  retiredArchives?: Record<string, RetiredArchive>;
  /** Nightly builds: the nights the metadata serves, oldest first. */
  nights?: NightRecord[];
  /** A distribution: its releases, oldest first (mageos-repo release). */
  distribution?: DistributionRelease[];
}

export function emptyState(format: string): BuildState {
  return { stateVersion: STATE_VERSION, format, fingerprint: null, artifacts: {}, releases: {} };
}

function damaged(file: string, why: string, cause?: unknown): MageosError {
  return new MageosError('ERR_STATE_DAMAGED', `${file} is damaged: ${why}`, {
    hint: 'Run the same build again with --rebuild-state: it makes the state again from the published archives and metadata and publishes no new bytes (an archive damaged on disk is put back as published); see docs/build-output.md.',
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Checks a state document read from disk; a damaged one is a named error, a newer or foreign one is refused rather than overwritten. */
export function parseState(raw: unknown, file: string): BuildState {
  const version = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as { stateVersion?: unknown }).stateVersion : undefined;
  if (typeof version === 'number' && version > STATE_VERSION) {
    throw new MageosError('ERR_STATE_TOO_NEW', `${file} was written by a newer mageos-repo (state version ${version}, this one knows ${STATE_VERSION})`, {
      hint: 'Update mageos-repo, or build into another directory.',
    });
  }
  const problem = stateShapeProblem(raw);
  if (problem !== null) throw damaged(file, `not a build state: ${problem}`);
  const state = raw as Partial<BuildState>;
  return {
    stateVersion: STATE_VERSION,
    format: state.format ?? 'mageos',
    fingerprint: state.fingerprint ?? null,
    artifacts: state.artifacts ?? {},
    releases: state.releases ?? {},
    metadata: state.metadata ?? { published: [], retired: [] },
    retiredArchives: state.retiredArchives ?? {},
    ...(Array.isArray(state.nights) ? { nights: state.nights } : {}),
    ...(Array.isArray(state.distribution) ? { distribution: state.distribution } : {}),
  };
}

/** Parses the text of a state file (empty, truncated or not JSON: damaged). */
export function parseStateText(text: string, file: string): BuildState {
  if (text.trim() === '') throw damaged(file, 'the file is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw damaged(file, `not valid JSON${jsonErrorReason(text, cause)}`, cause);
  }
  return parseState(raw, file);
}
