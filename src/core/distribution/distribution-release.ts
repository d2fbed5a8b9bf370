import type { ComposerJson } from '../plan/composer-json.js';

/** One release of a distribution: what it was built from and what it did to its packages (kept in the build state). */
export interface DistributionRelease {
  version: string;
  sources: Array<{ name: string; ref: string; commit: string; tree: string; time: number }>;
  magentoVersion: string;
  /** Upstream name → version at magentoVersion. */
  upstream: Record<string, string>;
  /** Upstream name → new name. */
  renames: Record<string, string>;
  /** New name → version, for the packages pinned to the release. */
  versions: Record<string, string>;
  aliases: boolean;
  /** The release's expanded templates (distribution.templates); `extra`: a package no source makes, published beside them. */
  templates?: Array<{ json: ComposerJson; extra: boolean }>;
}

