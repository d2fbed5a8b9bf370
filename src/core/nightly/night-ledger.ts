/** The nights a repository serves: what each was built from and the versions it gave its packages. */

export interface NightSource {
  name: string;
  branch: string;
  commit: string;
  tree: string;
  /** Committer time of the commit, unix seconds. */
  time: number;
  /** The release version the night gave the source (its packages without a version of their own get it). */
  version: string;
}

export interface NightRecord {
  /** YYYY-MM-DD. */
  night: string;
  sources: NightSource[];
  /** Every package of the night by name, with its nightly version. */
  versions: Record<string, string>;
  /** Every package of the night by name, with the content key of its files and composer.json before the nightly versions: what says it changed. */
  contents?: Record<string, string>;
  /** A distribution's night: upstream name → published name, upstream versions for "replace", and the Magento release they are of. */
  distribution?: { renames: Record<string, string>; upstream: Record<string, string>; magentoVersion: string };
}

/** "name@version" of every package of a night, by the names it is published under. */
export function nightPackageIds(night: NightRecord): Set<string> {
  const renames = night.distribution?.renames ?? {};
  return new Set(Object.entries(night.versions).map(([name, version]) => `${renames[name] ?? name}@${version}`));
}

/** Packages of `tonight` whose content is new since `before` (new packages included), by the names they are published under, sorted. */
export function changedPackages(tonight: NightRecord, before: NightRecord | undefined): string[] {
  const was = before?.contents ?? {};
  const renames = tonight.distribution?.renames ?? {};
  return Object.entries(tonight.contents ?? {})
    .filter(([name, key]) => was[name] !== key)
    .map(([name]) => renames[name] ?? name)
    .sort();
}

/** The name a night's builds carry in reports and in the build state, where a release has its tag. */
export function nightTag(night: string): string {
  return `nightly-${night}`;
}

/** True when every source is at the commit the night had: nothing new to build or publish. */
export function sameCommits(sources: ReadonlyArray<Pick<NightSource, 'name' | 'commit'>>, night: NightRecord | undefined): boolean {
  if (night === undefined || night.sources.length !== sources.length) return false;
  const before = new Map(night.sources.map((s) => [s.name, s.commit]));
  return sources.every((s) => before.get(s.name) === s.commit);
}

/** The nights to keep serving after `tonight` is published: the newest `retain`, oldest first; a night built again replaces itself. */
export function retainedNights(published: readonly NightRecord[], tonight: NightRecord | null, retain: number): NightRecord[] {
  const byNight = new Map(published.map((n) => [n.night, n]));
  if (tonight !== null) byNight.set(tonight.night, tonight);
  return [...byNight.values()].sort((a, b) => (a.night < b.night ? -1 : a.night > b.night ? 1 : 0)).slice(-Math.max(1, retain));
}
