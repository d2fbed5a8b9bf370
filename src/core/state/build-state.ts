import { MageosError } from '../errors.js';
import type { NightRecord } from '../nightly/night-ledger.js';
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
}

export function emptyState(format: string): BuildState {
  return { stateVersion: STATE_VERSION, format, fingerprint: null, artifacts: {}, releases: {} };
}

/** Checks a state document read from disk; a newer or foreign one is refused rather than overwritten. */
export function parseState(raw: unknown, file: string): BuildState {
  const state = raw as Partial<BuildState> | null;
  if (typeof state !== 'object' || state === null || typeof state.stateVersion !== 'number') {
    throw new MageosError('ERR_OUTPUT_NOT_OURS', `${file} is not a mageos-repo build state`, {
      hint: 'Choose an empty or new output directory.',
    });
  }
  if (state.stateVersion > STATE_VERSION) {
    throw new MageosError('ERR_STATE_TOO_NEW', `${file} was written by a newer mageos-repo (state version ${state.stateVersion}, this one knows ${STATE_VERSION})`, {
      hint: 'Update mageos-repo, or build into another directory.',
    });
  }
  return {
    stateVersion: STATE_VERSION,
    format: String(state.format ?? 'mageos'),
    fingerprint: state.fingerprint ?? null,
    artifacts: state.artifacts ?? {},
    releases: state.releases ?? {},
    metadata: state.metadata ?? { published: [], retired: [] },
    retiredArchives: state.retiredArchives ?? {},
    ...(Array.isArray(state.nights) ? { nights: state.nights } : {}),
  };
}
