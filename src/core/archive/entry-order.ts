import { assertNoDuplicateEntries, validateEntryName } from './entry-name.js';

/** Directory modes of the public Mage-OS archives: parents of files, and empty directories added on purpose. */
export const PARENT_DIR_MODE = 0o775;
export const EMPTY_DIR_MODE = 0o755;

export interface ArchiveFileInput<S> {
  path: string;
  executable: boolean;
  source: S;
}

export type ArchiveEntry<S> =
  | { kind: 'file'; path: string; executable: boolean; source: S }
  | { kind: 'dir'; path: string; mode: number };

// The public archives sort with an en-US collation (punctuation < digits < letters, case-insensitive first).
const collator = new Intl.Collator('en-US');

/**
 * Orders an archive's entries as the public Mage-OS archives do: files and added empty directories
 * sorted by name (empty directories without their slash), each directory entry placed right before
 * the first entry inside it; a directory added twice keeps its first place and its last mode.
 */
export function orderArchiveEntries<S>(files: Array<ArchiveFileInput<S>>, emptyDirs: string[], where = 'the archive'): Array<ArchiveEntry<S>> {
  for (const f of files) validateEntryName(f.path, where);
  for (const d of emptyDirs) validateEntryName(d, where);
  assertNoDuplicateEntries([...files.map((f) => f.path), ...emptyDirs.map((d) => `${d}/`)], where);
  const items: Array<{ key: string; file?: ArchiveFileInput<S> }> = [
    ...files.map((file) => ({ key: file.path, file })),
    ...emptyDirs.map((dir) => ({ key: dir })),
  ];
  items.sort((a, b) => collator.compare(a.key, b.key));

  const dirModes = new Map<string, number>();
  const entries: Array<ArchiveEntry<S>> = [];
  const addDir = (path: string, mode: number) => {
    if (!dirModes.has(path)) entries.push({ kind: 'dir', path, mode });
    dirModes.set(path, mode);
  };
  for (const item of items) {
    const segments = item.key.split('/');
    for (let i = 1; i < segments.length; i++) addDir(`${segments.slice(0, i).join('/')}/`, PARENT_DIR_MODE);
    if (item.file === undefined) addDir(`${item.key}/`, EMPTY_DIR_MODE);
    else entries.push({ kind: 'file', path: item.file.path, executable: item.file.executable, source: item.file.source });
  }
  for (const entry of entries) if (entry.kind === 'dir') entry.mode = dirModes.get(entry.path) ?? PARENT_DIR_MODE;
  return entries;
}
