import { createHash } from 'node:crypto';
import type { PublishedArtifact } from '../state/build-state.js';
import { compareVersions } from '../version/index.js';
import { minifyVersions } from './minify.js';
import { type VersionEntry, versionEntry } from './version-entry.js';

/** A file of the repository's metadata: its path relative to the repository root and its exact text. */
export interface MetadataFile {
  path: string;
  text: string;
}

function isDevVersion(normalized: string): boolean {
  return normalized.startsWith('dev-') || normalized.endsWith('-dev');
}

function p2File(path: string, name: string, versions: VersionEntry[]): MetadataFile {
  return { path, text: JSON.stringify({ minified: 'composer/2.0', packages: { [name]: minifyVersions(versions) } }) };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The URL path of the repository root, which root-relative metadata URLs must carry in full. */
export function basePath(baseUrl: string): string {
  return new URL(baseUrl).pathname;
}

/**
 * Every metadata file of a repository, derived from its published artifacts: Composer 2 `p2/` files (tagged
 * and ~dev, newest first), Composer 1 provider files (content-hashed names), and `packages.json`, last.
 */
export function repositoryMetadata(artifacts: Iterable<PublishedArtifact>, baseUrl: string): MetadataFile[] {
  const byName = new Map<string, PublishedArtifact[]>();
  for (const a of artifacts) byName.set(a.name, [...(byName.get(a.name) ?? []), a]);
  const names = [...byName.keys()].sort();
  const root = basePath(baseUrl);
  const files: MetadataFile[] = [];
  const providers: Record<string, { sha256: string }> = {};
  for (const name of names) {
    const sorted = (byName.get(name) ?? []).sort((a, b) => compareVersions(b.versionNormalized, a.versionNormalized));
    const entries = sorted.map((a) => versionEntry(a, baseUrl));
    const tagged = entries.filter((_, i) => !isDevVersion((sorted[i] as PublishedArtifact).versionNormalized));
    const dev = entries.filter((_, i) => isDevVersion((sorted[i] as PublishedArtifact).versionNormalized));
    files.push(p2File(`p2/${name}.json`, name, tagged), p2File(`p2/${name}~dev.json`, name, dev));
    const v1 = JSON.stringify({ packages: { [name]: Object.fromEntries(entries.map((e) => [e.version as string, e])) } });
    const hash = sha256(v1);
    files.push({ path: `p/${name}$${hash}.json`, text: v1 });
    providers[name] = { sha256: hash };
  }
  const includes = JSON.stringify({ providers });
  const includesHash = sha256(includes);
  files.push({ path: `p/provider-all$${includesHash}.json`, text: includes });
  const packagesJson = {
    packages: [],
    'metadata-url': `${root}p2/%package%.json`,
    'available-packages': names,
    'providers-url': `${root}p/%package%$%hash%.json`,
    'provider-includes': { 'p/provider-all$%hash%.json': { sha256: includesHash } },
  };
  files.push({ path: 'packages.json', text: `${JSON.stringify(packagesJson, null, 2)}\n` });
  return files;
}
