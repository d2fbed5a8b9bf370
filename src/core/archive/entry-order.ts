import { assertNoDuplicateEntries, validateEntryName } from './entry-name.js';
import { nameComparator } from './name-collation.js';

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

/** One step of an archive's layout: a directory entry, or the index of a file in the caller's list. */
export type LayoutStep = { dir: string; mode: number } | number;

// The versions of a package mostly list the same paths: their order, checked once, is reused. Memory is counted
// in characters of the remembered path lists (a big package's list is large) and starts over past the budget.
const MAX_LAYOUT_CHARS = 4 * 1024 * 1024;
const layouts = new Map<string, LayoutStep[]>();
let layoutChars = 0;

/**
 * Orders an archive's entries as the public Mage-OS archives do: files and added empty directories
 * sorted by name (empty directories without their slash), each directory entry placed right before
 * the first entry inside it; a directory added twice keeps its first place and its last mode.
 */
export function orderArchiveEntries<S>(files: Array<ArchiveFileInput<S>>, emptyDirs: string[], where = 'the archive'): Array<ArchiveEntry<S>> {
  return archiveLayout(
    files.map((f) => f.path),
    emptyDirs,
    where,
  ).map((step): ArchiveEntry<S> => {
    if (typeof step !== 'number') return { kind: 'dir', path: step.dir, mode: step.mode };
    const file = files[step] as ArchiveFileInput<S>;
    return { kind: 'file', path: file.path, executable: file.executable, source: file.source };
  });
}

/**
 * The order of `orderArchiveEntries` as steps: a directory entry, or the index of a path in `paths`. A writer
 * walks it without an object per entry (a big package is tens of thousands of files, in every version).
 */
export function archiveLayout(paths: readonly string[], emptyDirs: string[], where = 'the archive'): readonly LayoutStep[] {
  // NUL never occurs in a valid name, so it separates names unambiguously; a name holding one is refused below.
  const cacheable = !paths.some((p) => p.includes('\0')) && !emptyDirs.some((d) => d.includes('\0'));
  const signature = cacheable ? `${emptyDirs.join('\0')}\0\0${paths.join('\0')}` : null;
  let layout = signature === null ? undefined : layouts.get(signature);
  if (layout === undefined) {
    layout = layoutOf(paths, emptyDirs, where);
    if (signature !== null) {
      if (layoutChars + signature.length > MAX_LAYOUT_CHARS) {
        layouts.clear();
        layoutChars = 0;
      }
      layouts.set(signature, layout);
      layoutChars += signature.length;
    }
  }
  return layout;
}

function layoutOf(paths: readonly string[], emptyDirs: string[], where: string): LayoutStep[] {
  for (const p of paths) validateEntryName(p, where);
  for (const d of emptyDirs) validateEntryName(d, where);
  assertNoDuplicateEntries([...paths, ...emptyDirs.map((d) => `${d}/`)], where);
  const items: Array<{ key: string; file?: number }> = [
    ...paths.map((key, file) => ({ key, file })),
    ...emptyDirs.map((dir) => ({ key: dir })),
  ];
  const compare = nameComparator(items.map((i) => i.key));
  items.sort((a, b) => compare(a.key, b.key));

  const dirs = new Map<string, { dir: string; mode: number }>();
  const steps: LayoutStep[] = [];
  const addDir = (path: string, mode: number) => {
    const known = dirs.get(path);
    if (known !== undefined) {
      known.mode = mode;
      return;
    }
    const step = { dir: path, mode };
    dirs.set(path, step);
    steps.push(step);
  };
  for (const item of items) {
    const segments = item.key.split('/');
    for (let i = 1; i < segments.length; i++) addDir(`${segments.slice(0, i).join('/')}/`, PARENT_DIR_MODE);
    if (item.file === undefined) addDir(`${item.key}/`, EMPTY_DIR_MODE);
    else steps.push(item.file);
  }
  return steps;
}
