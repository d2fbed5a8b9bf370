import type { Config } from '../../core/config/schema.js';
import type { ReleaseOptions } from '../distribution/release-session.js';
import type { NightOptions } from '../nightly/night-session.js';
import type { BuildPhase, BuildProgress } from './build-result.js';

export interface BuildOptions {
  config: Config;
  outDir: string;
  cacheDir: string;
  offline: boolean;
  dryRun: boolean;
  keepGoing: boolean;
  /** Package versions allowed to get new bytes: "vendor/name@version", "vendor/name" or "*". */
  republish: string[];
  concurrency?: number;
  /** How long an archive stays on disk after its version left the metadata (0 deletes at once). */
  archiveGraceMs?: number;
  /** The clock, for tests of the grace period. */
  now?: () => number;
  /** Archives written before they are put on disk together (default 1,024), for tests of a batch's edges. */
  durableBatchFiles?: number;
  onProgress?: (progress: BuildProgress) => void;
  /** Called as each phase of `phaseMs` ends (benchmarks measure the CPU of each phase with it). */
  onPhaseEnd?: (phase: BuildPhase) => void;
  /** Stops the build between two releases or archives (Ctrl-C): nothing half-written, the scratch space and lock go. */
  signal?: AbortSignal;
  /** Nightly builds (sources with a branch): the night's date and its checks. */
  nightly?: NightOptions;
  /** A release of the config's distribution (mageos-repo release <version>). */
  release?: ReleaseOptions;
  /** Re-hash every published archive and restore the damaged ones from git (--check). */
  check?: boolean;
  /** Make the state again from the published archives and metadata (--rebuild-state), for a damaged state file. */
  rebuildState?: boolean;
}
