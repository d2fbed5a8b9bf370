import { readZipEntries, readZipEntryData, type ZipEntryInfo } from '../zip/zip-reader.js';
import { archiveRoot } from '../../core/verify/archive-root.js';

/** A composer.json larger than this is no package's: it is read as a problem, not into memory. */
export const MAX_COMPOSER_JSON_BYTES = 16 * 1024 * 1024;

export interface ArchiveContents {
  entries: ZipEntryInfo[];
  /** Where the package starts: "" or "dir/"; null when no composer.json was found. */
  root: string | null;
  /** Null when there is none, or when it is too large to read (then `composerJsonTooLarge` is set). */
  composerJson: string | null;
  /** The size its entry records, when that is past MAX_COMPOSER_JSON_BYTES. */
  composerJsonTooLarge?: number;
}

/** Lists an archive and reads its composer.json; a damaged archive (or one whose composer.json lies about its size) throws ERR_ARCHIVE_ENTRY_INVALID. */
export async function readArchiveContents(file: string): Promise<ArchiveContents> {
  const entries = await readZipEntries(file);
  const root = archiveRoot(entries.map((e) => e.name));
  const entry = root === null ? undefined : entries.find((e) => e.name === `${root}composer.json`);
  if (entry === undefined) return { entries, root, composerJson: null };
  if (entry.size > MAX_COMPOSER_JSON_BYTES || entry.compressedSize > MAX_COMPOSER_JSON_BYTES) {
    return { entries, root, composerJson: null, composerJsonTooLarge: Math.max(entry.size, entry.compressedSize) };
  }
  const data = await readZipEntryData(file, entry, { maxBytes: MAX_COMPOSER_JSON_BYTES });
  return { entries, root, composerJson: data.toString('utf8') };
}
