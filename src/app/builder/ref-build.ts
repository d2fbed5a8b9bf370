import type { ReleasePlan } from '../../core/plan/plan-release.js';
import type { ReleaseRef } from '../../core/plan/types.js';
import type { OutputDirectory } from '../../adapters/fs/output-directory.js';
import type { SourceSession } from './source-session.js';

/** Plans one release of a source as a tag build would. */
export type PlanRelease = (session: SourceSession, release: ReleaseRef) => Promise<ReleasePlan>;

/**
 * A build whose releases are not a source's tags but refs it chose (the nights of a nightly build, the releases of
 * a distribution), with versions it gives the packages after planning.
 */
export interface RefBuild {
  /** Reads the refs and what the new release needs to know (its packages, their versions) before planning. */
  prepare(sessions: SourceSession[], out: OutputDirectory, plan: PlanRelease): Promise<void>;
  /** Whether the source's releases come from this build rather than its tags. */
  owns(session: SourceSession): boolean;
  releasesOf(session: SourceSession): ReleaseRef[];
  plan(session: SourceSession, release: ReleaseRef, plan: PlanRelease): Promise<ReleasePlan>;
  /** Everything besides the refs that decides what the owned sources' releases become (vendor, templates, version scheme). */
  identity(): string;
}
