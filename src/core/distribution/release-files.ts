import type { PublishedArtifact } from '../state/build-state.js';
import type { DistributionRelease } from './distribution-release.js';

/** A composer.json a release rewrote: where it lives in the source, and the text the release published. */
export interface ReleaseFile {
  /** The published name, e.g. acme/module-a. */
  package: string;
  /** The name the source's own composer.json has, e.g. magento/module-a. */
  sourceName: string;
  /** `<dir>/composer.json`, relative to the source's root. */
  path: string;
  text: string;
}

/**
 * The composer.json files a release of a distribution published for one source, one per package it built from
 * that source's commit; the magento/* alias metapackages are made by the release, not read from the source.
 */
export function releaseFiles(artifacts: Iterable<PublishedArtifact>, release: DistributionRelease, source: string): ReleaseFile[] {
  const at = release.sources.find((s) => s.name === source);
  if (at === undefined) return [];
  const upstreamOf = new Map(Object.entries(release.renames).map(([upstream, renamed]) => [renamed, upstream]));
  const files: ReleaseFile[] = [];
  for (const a of artifacts) {
    if (a.source !== source || a.tag !== release.version || a.commit !== at.commit || a.name in release.renames) continue;
    const text = a.composerJson.endsWith('\n') ? a.composerJson : `${a.composerJson}\n`;
    files.push({ package: a.name, sourceName: upstreamOf.get(a.name) ?? a.name, path: a.dir === '' ? 'composer.json' : `${a.dir}/composer.json`, text });
  }
  return files.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : x.package < y.package ? -1 : 1));
}

/**
 * Why the file a source has at a release file's path is not that package's own composer.json, or null when it
 * is: a package made by a composer-json rule, or whose composer.json comes from elsewhere, has none to rewrite.
 */
export function ownComposerJsonProblem(file: ReleaseFile, original: string | undefined): string | null {
  if (original === undefined) return `the source has no ${file.path} (the package's composer.json is not read from there)`;
  let name: unknown;
  try {
    name = (JSON.parse(original) as { name?: unknown } | null)?.name;
  } catch {
    return `${file.path} of the source is not valid JSON`;
  }
  if (name !== file.sourceName) return `${file.path} of the source is ${typeof name === 'string' ? name : 'a file without a "name"'}, not ${file.sourceName}`;
  return null;
}
