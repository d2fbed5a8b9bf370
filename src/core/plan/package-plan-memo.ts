import { RecentMap } from './recent-map.js';
import type { PlannedArtifact, PlanWarning } from './types.js';

/** A package directory's plan, as planned at one release. */
export interface RememberedPlan {
  artifact: PlannedArtifact;
  /** Warnings of that planning (files left out), given again with each release's tag. */
  warnings: PlanWarning[];
  /** The release version the package's version came from, when its composer.json states none. */
  tagVersion: string | null;
}

/** File entries of remembered plans before the memory starts over. */
const MAX_FILES = 500_000;

/**
 * The plans of package directories planned at the last releases of this build, by what decides them (git's id of
 * the directory, the rule's excludes and empty directories). Most releases leave most packages untouched: the
 * same directory plans to the same archive, so it is planned once, not once per tag. A plan the last two
 * releases did not use is let go (`nextRelease`).
 */
export class PackagePlanMemo extends RecentMap<string, RememberedPlan> {
  constructor() {
    super((plan) => plan.artifact.files.length, MAX_FILES);
  }
}
