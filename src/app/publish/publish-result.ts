import type { PublishPhase } from '../../core/publish/publish-order.js';

/** One step of a publish, for a progress bar. */
export interface PublishProgress {
  phase: 'hashing' | 'listing' | PublishPhase | 'deleting';
  done: number;
  total: number;
  detail?: string;
}

/** What a publish did (or, with --dry-run, would do). */
export interface PublishResult {
  target: string;
  endpoint: string | null;
  repoDir: string;
  dryRun: boolean;
  /** Files of the repository directory (its state directory is never published). */
  files: number;
  /** Bytes read to hash files whose digests were not known from an earlier publish (0 when nothing changed). */
  bytesHashed: number;
  /** Of them, already in the bucket with the same bytes and headers. */
  unchanged: number;
  /** In publishing order: archives, then p2/ and p/, then packages.json and the other root files. */
  uploaded: Array<{ key: string; size: number; phase: PublishPhase }>;
  bytesUploaded: number;
  /** Objects gone from the directory for the whole grace period, deleted after the uploads. */
  deleted: string[];
  /** Objects gone from the directory, kept until `dueAt` (ISO time). */
  waiting: Array<{ key: string; since: string; dueAt: string }>;
  warnings: string[];
  durationMs: number;
  phaseMs: { hash: number; list: number; upload: number; delete: number };
}
