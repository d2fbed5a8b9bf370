import { readArchiveContents, type ArchiveContents } from '../../adapters/composer-repository/archive-contents.js';
import type { ArchiveLookup, ComposerRepository, LocalArchive } from '../../adapters/composer-repository/repository.js';
import { isMageosError } from '../../core/errors.js';

/** An archive's listing and composer.json, or why it could not be read as a zip. */
export type ArchiveRead = { contents: ArchiveContents } | { invalid: string };

/** Reads an archive, turning a damaged zip (ERR_ARCHIVE_ENTRY_INVALID) into a value; other failures still throw. */
export async function readArchive(archive: LocalArchive): Promise<ArchiveRead> {
  try {
    return { contents: await readArchiveContents(archive.file) };
  } catch (error) {
    if (!isMageosError(error) || error.code !== 'ERR_ARCHIVE_ENTRY_INVALID') throw error;
    return { invalid: error.message };
  }
}

/** Each dist URL of a repository looked up (for a remote one: downloaded) once, however many versions name it. */
export class ArchiveLookups {
  private readonly looked = new Map<string, Promise<ArchiveLookup>>();

  constructor(private readonly repository: ComposerRepository) {}

  lookup(dist: { url: string; shasum: string }): Promise<ArchiveLookup> {
    let found = this.looked.get(dist.url);
    if (found === undefined) {
      found = this.repository.archive(dist);
      this.looked.set(dist.url, found);
    }
    return found;
  }
}

/**
 * Reads each archive file once however many versions point at it (through one URL or many), keeping a result
 * only until the last reader announced with `expect` has taken it, so memory stays bounded.
 */
export class SharedReads<T> {
  private readonly files = new Map<string, { readers: number; result?: Promise<T> }>();

  constructor(private readonly read: (archive: LocalArchive) => Promise<T>) {}

  expect(archive: LocalArchive): void {
    const entry = this.files.get(archive.file);
    if (entry === undefined) this.files.set(archive.file, { readers: 1 });
    else entry.readers++;
  }

  take(archive: LocalArchive): Promise<T> {
    const entry = this.files.get(archive.file);
    if (entry === undefined) return this.read(archive);
    entry.result ??= this.read(archive);
    if (--entry.readers === 0) this.files.delete(archive.file);
    return entry.result;
  }
}
