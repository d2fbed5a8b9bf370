import { createHash } from 'node:crypto';
import { RecentMap } from './recent-map.js';
import type { ArtifactSummary, PlannedArtifact, PlanWarning } from './types.js';

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

/**
 * A package directory of a release whose plan a later release takes again when what decides it is the same: the
 * package it planned to, and a hash of what decided it (`planHash`). Only plans that owe nothing to the release's
 * tag (a stated version, no fix, no warning) are recorded.
 */
export interface DirectoryPlan {
  name: string;
  plan: string;
}

/** A hash of what decides a package directory's plan, as a release records it (`DirectoryPlan`). */
export function planHash(memoKey: string): string {
  return createHash('sha1').update(memoKey).digest('hex');
}

/**
 * The package directories of the last release an earlier build planned (kept in the build state), for planning the
 * next one without reading the directories that did not change: their artifact as published, without its files.
 */
export interface PriorPlans {
  get(dir: string, plan: string): { summary: ArtifactSummary; composerJson: string } | undefined;
}
