import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MageosError } from '../../core/errors.js';
import { expandVersions } from '../../core/metadata/minify.js';
import type { VersionEntry } from '../../core/metadata/version-entry.js';
import { artifactId } from '../../core/plan/types.js';
import { type BuildState, emptyState, type PublishedArtifact } from '../../core/state/build-state.js';
import { fileSha1 } from '../../adapters/fs/file-sha1.js';
import { archivePath } from './archive-path.js';
import { containedPath } from '../../adapters/fs/contained-path.js';

/** A state rebuilt from what a repository publishes, and the archives whose bytes differ from their metadata's sha1. */
export interface RebuiltState {
  state: BuildState;
  /** Package versions ("vendor/name@version") whose archive is on disk with other bytes than its dist.shasum. */
  damaged: Set<string>;
  /** Metadata files that could not be read (their versions are built as new ones). */
  unreadable: string[];
}

const SHA1 = /^[0-9a-f]{40}$/;

/** Files below `dir` (relative to `root`), sorted; none if it does not exist. */
function filesUnder(root: string, dir: string): string[] {
  const entries = (() => {
    try {
      return readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return [];
    }
  })();
  return entries.flatMap((e) => (e.isDirectory() ? filesUnder(root, `${dir}/${e.name}`) : e.isFile() ? [`${dir}/${e.name}`] : [])).sort();
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
}

/** The versions of a p2 file, or null if it is not the metadata this tool writes. */
function p2Versions(path: string): Array<[string, VersionEntry[]]> | null {
  try {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { packages?: unknown };
    if (typeof doc !== 'object' || doc === null || typeof doc.packages !== 'object' || doc.packages === null) return null;
    const lists = Object.entries(doc.packages as Record<string, unknown>);
    if (!lists.every(([, list]) => Array.isArray(list) && list.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v)))) return null;
    return lists.map(([name, list]) => [name, expandVersions(list as VersionEntry[])]);
  } catch {
    return null;
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The state record of one published version, from its metadata entry and its archive on disk (null if it has none). */
async function recordOf(root: string, name: string, entry: VersionEntry, damaged: Set<string>): Promise<PublishedArtifact | null> {
  const version = text(entry.version);
  if (version === null) return null;
  let file: string;
  let path: string;
  try {
    // The metadata may be damaged or hostile: a name or version that cannot be a path inside the repository is no archive of ours.
    file = archivePath(name, version);
    path = containedPath(root, file, new Set());
  } catch {
    return null;
  }
  if (!isFile(path)) return null;
  const dist = typeof entry.dist === 'object' && entry.dist !== null ? (entry.dist as Record<string, unknown>) : {};
  const sha1 = await fileSha1(path);
  const promised = text(dist.shasum);
  const recorded = promised !== null && SHA1.test(promised) ? promised : sha1;
  if (recorded !== sha1) damaged.add(artifactId({ name, version }));
  const { name: _n, version: _v, version_normalized: normalized, time, dist: _d, ...composerJson } = entry;
  const seconds = text(time) === null ? NaN : Date.parse(time as string) / 1000;
  return {
    name,
    version,
    versionNormalized: text(normalized) ?? version,
    kind: entry.type === 'metapackage' ? 'metapackage' : 'package',
    // Unknown until the build plans the version again; an empty key makes it compare what it builds with the archive.
    source: '',
    tag: '',
    commit: text(dist.reference) ?? '',
    time: Number.isFinite(seconds) ? seconds : null,
    dir: '',
    key: '',
    file,
    sha1: recorded,
    size: statSync(path).size,
    composerJson: JSON.stringify({ name, ...composerJson }),
  };
}

/**
 * A build state made from what the repository publishes: every version of its p2 metadata whose archive is on
 * disk, with the sha1 the metadata promised (an archive whose bytes differ is listed as damaged), and the metadata
 * files it serves. What a state alone knew (content keys, releases) is left empty: the build plans every release
 * again and compares each archive it builds with the published one.
 */
export async function rebuildState(root: string, format: string): Promise<RebuiltState> {
  if (!isFile(join(root, 'packages.json'))) {
    throw new MageosError('ERR_STATE_DAMAGED', `cannot rebuild the state of ${root}: it has no packages.json, so it publishes nothing to rebuild it from`, {
      hint: `If nothing was published yet, delete ${join(root, '.mageos-repo')} and build again.`,
    });
  }
  const state = emptyState(format);
  const damaged = new Set<string>();
  const unreadable: string[] = [];
  const metadataFiles = ['packages.json', ...(isFile(join(root, 'index.html')) ? ['index.html'] : []), ...filesUnder(root, 'p2'), ...filesUnder(root, 'p')];
  for (const file of filesUnder(root, 'p2')) {
    const lists = p2Versions(join(root, file));
    if (lists === null) {
      unreadable.push(file);
      continue;
    }
    for (const [name, entries] of lists) {
      for (const entry of entries) {
        const record = await recordOf(root, name, entry, damaged);
        if (record !== null) state.artifacts[artifactId(record)] = record;
      }
    }
  }
  state.metadata = { published: metadataFiles.filter((f) => f.endsWith('.json') || f === 'index.html').sort(), retired: [] };
  return { state, damaged, unreadable };
}
