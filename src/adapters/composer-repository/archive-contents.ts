import { readZipEntries, readZipEntryData, type ZipEntryInfo } from '../zip/zip-reader.js';
import { archiveRoot } from '../../core/verify/archive-root.js';

export interface ArchiveContents {
  entries: ZipEntryInfo[];
  /** Where the package starts: "" or "dir/"; null when no composer.json was found. */
  root: string | null;
  composerJson: string | null;
}

/** Lists an archive and reads its composer.json; a damaged archive throws ERR_ARCHIVE_ENTRY_INVALID. */
export async function readArchiveContents(file: string): Promise<ArchiveContents> {
  const entries = await readZipEntries(file);
  const root = archiveRoot(entries.map((e) => e.name));
  const entry = root === null ? undefined : entries.find((e) => e.name === `${root}composer.json`);
  const composerJson = entry === undefined ? null : (await readZipEntryData(file, entry)).toString('utf8');
  return { entries, root, composerJson };
}
