import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import picomatch from 'picomatch';
import type { ArchiveSource } from '../../core/config/schema.js';
import { MageosError } from '../../core/errors.js';
import { archivePackage, composerJsonEntry } from '../../core/plan/archive-package.js';
import { preferArchives } from '../../core/plan/prefer-archives.js';
import type { ArtifactSummary, PlannedArtifact, PlanWarning } from '../../core/plan/types.js';
import { openZipDirectory } from '../../adapters/fs/zip-directory.js';
import { openZipTree } from '../../adapters/git/zip-tree.js';
import { readZipBufferEntries, readZipBufferEntryData } from '../../adapters/zip/zip-reader.js';
import type { StoredZip, ZipStore } from '../../adapters/zip/zip-store.js';
import { type SourceAccess, sourceName } from './source-session.js';

/** A package version served from a ready-made zip. */
export interface ArchiveArtifact {
  /** As the build plans it: no files of its own, the zip's composer.json text as it is. */
  planned: PlannedArtifact;
  /** Copies the zip's bytes unchanged into a new file; returns their size and sha1. */
  copyTo(path: string): Promise<{ size: number; sha1: string }>;
}

interface OpenedSource {
  name: string;
  store: ZipStore;
  zips: StoredZip[];
}

const sha1Of = (data: Buffer) => createHash('sha1').update(data).digest('hex');

/** The name an archive source goes by: its configured name, else the last part of its gitPath, url or path. */
export function archiveSourceName(config: ArchiveSource): string {
  return config.name ?? sourceName({ path: config.gitPath || (config.url ?? config.path) });
}

function openStore(config: ArchiveSource, access: SourceAccess): Promise<ZipStore> {
  if (config.url === undefined && config.ref === undefined) return openZipDirectory(config.path as string);
  const location = config.url !== undefined ? { url: config.url } : { path: config.path as string };
  return openZipTree({ ...location, ...(config.ref !== undefined ? { ref: config.ref } : {}), gitPath: config.gitPath ?? '' }, access);
}

/** The archive sources of a build: listed when opened (enough for the fingerprint), read only when needed. */
export class ArchiveSources {
  private constructor(private readonly sources: OpenedSource[]) {}

  static async open(configs: readonly ArchiveSource[], access: SourceAccess): Promise<ArchiveSources> {
    const sources: OpenedSource[] = [];
    try {
      for (const config of configs) {
        const name = archiveSourceName(config);
        const store = await openStore(config, access);
        const included = config.include === undefined ? () => true : picomatch(config.include, { dot: true });
        sources.push({ name, store, zips: store.zips.filter((z) => included(z.name)) });
        if (sources.at(-1)?.zips.length === 0) {
          throw new MageosError('ERR_SOURCE', `archive source "${name}" holds no zip files${config.include ? ' matching "include"' : ''} (${store.location})`, {
            hint: 'Check "path", "gitPath", "ref" and "include" of the archive source.',
          });
        }
      }
    } catch (error) {
      await Promise.allSettled(sources.map((s) => s.store.close()));
      throw error;
    }
    return new ArchiveSources(sources);
  }

  /** Archive sources read from their cache clone because fetching failed (see SourceAccess.keepStale). */
  stale(): Array<{ name: string; error: MageosError }> {
    return this.sources.flatMap((s) => (s.store.fetchError === undefined ? [] : [{ name: s.name, error: s.store.fetchError }]));
  }

  /** What decides the archives, for the build fingerprint: every source's zips by name and blob id or sha1. */
  identity(): Array<[string, string[]]> {
    return this.sources.map((s) => [s.name, s.zips.map((z) => `${z.name} ${z.id}`)]);
  }

  /** Reads every zip's composer.json, one zip in memory at a time; in source order, then file name order. */
  async read(): Promise<ArchiveArtifact[]> {
    const artifacts: ArchiveArtifact[] = [];
    for (const source of this.sources) {
      for (const zip of source.zips) artifacts.push(await readArchive(source, zip));
    }
    return artifacts;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.sources.map((s) => s.store.close()));
  }
}

async function readArchive(source: OpenedSource, zip: StoredZip): Promise<ArchiveArtifact> {
  const { store } = source;
  const data = await store.read(zip);
  const sha1 = sha1Of(data);
  const where = `${zip.path} at ${store.location} of source "${source.name}"`;
  const entries = await unreadable(where, () => readZipBufferEntries(data, where));
  const found = entries.find((e) => e.name === composerJsonEntry(entries.map((n) => n.name)));
  if (found === undefined) {
    throw new MageosError('ERR_PACKAGE_INVALID', `${where} has no composer.json, neither at its root nor in a single top-level directory`, {
      hint: 'An archive source serves Composer package zips; leave this file out with "include".',
    });
  }
  const text = (await unreadable(where, () => readZipBufferEntryData(data, where, found))).toString('utf8');
  const pkg = archivePackage(text, zip.name, { source: source.name, tag: store.location, path: `composer.json of ${zip.path}` });
  const planned: PlannedArtifact = {
    name: pkg.name,
    version: pkg.version,
    versionNormalized: pkg.versionNormalized,
    kind: pkg.kind,
    source: source.name,
    tag: zip.name,
    commit: sha1,
    time: pkg.hasTime ? null : store.time,
    dir: zip.path,
    key: `archive:${sha1}`,
    files: [],
    emptyDirs: [],
    composerJson: text,
  };
  return { planned, copyTo: copierOf(store, zip, sha1) };
}

/**
 * Made outside readArchive on purpose: a closure made there would share its scope with the closures that read
 * `data`, and so keep every zip of the source in memory until the build ends (69 MB for the mirror profile's).
 */
function copierOf(store: ZipStore, zip: StoredZip, sha1: string): ArchiveArtifact['copyTo'] {
  return (path) => copyZip(store, zip, sha1, path);
}

/** A damaged zip (or composer.json entry) of an archive source, with a hint that fits a file the user provides. */
async function unreadable<T>(where: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const message = error instanceof MageosError ? error.message : `${where} cannot be read: ${(error as Error).message}`;
    throw new MageosError('ERR_ARCHIVE_ENTRY_INVALID', message, { hint: 'Replace it with the official zip, or leave it out with "include".', cause: error });
  }
}

async function copyZip(store: ZipStore, zip: StoredZip, sha1: string, path: string): Promise<{ size: number; sha1: string }> {
  const data = await store.read(zip);
  if (sha1Of(data) !== sha1) throw new MageosError('ERR_SOURCE', `${zip.path} at ${store.location} changed during the build`, { hint: 'Build again.' });
  const file = await open(path, 'wx');
  try {
    await file.writeFile(data);
  } finally {
    await file.close();
  }
  return { size: data.length, sha1 };
}

/** Adds the archives to the builds chosen so far: an archive replaces a build of the same package version. */
export function withArchives(built: ArtifactSummary[], archives: readonly ArchiveArtifact[], warnings: PlanWarning[]) {
  const archiveOf = new Map<ArtifactSummary, ArchiveArtifact>(archives.map((a) => [a.planned, a]));
  const { chosen, replaced } = preferArchives(built, [...archiveOf.keys()]);
  for (const { archive, built: b } of replaced) {
    warnings.push({
      source: archive.source,
      tag: archive.tag,
      package: `${archive.name}@${archive.version}`,
      message: `served from this archive; the build from source "${b.source}" at ${b.tag} is not used`,
    });
  }
  return { chosen, archiveOf };
}
