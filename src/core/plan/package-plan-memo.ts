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
 * The plans of package directories already planned in this build, by what decides them (git's id of the
 * directory, the rule's excludes and empty directories). Most releases leave most packages untouched: the same
 * directory plans to the same archive, so it is planned once, not once per tag.
 */
export class PackagePlanMemo {
  private readonly plans = new Map<string, RememberedPlan>();
  private files = 0;

  get(key: string): RememberedPlan | undefined {
    return this.plans.get(key);
  }

  set(key: string, plan: RememberedPlan): void {
    if (this.files + plan.artifact.files.length > MAX_FILES) {
      this.plans.clear();
      this.files = 0;
    }
    const old = this.plans.get(key);
    if (old !== undefined) this.files -= old.artifact.files.length;
    this.plans.set(key, plan);
    this.files += plan.artifact.files.length;
  }
}
