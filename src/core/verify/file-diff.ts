/** A file of a package as an archive's central directory lists it, its path relative to the package root. */
export interface PackageFile {
  path: string;
  crc32: number;
  size: number;
  /** Unix permission bits; 0 when the archive was made where there are none. */
  mode: number;
}

/** What a zip reader tells about one entry. */
export interface ListedEntry {
  name: string;
  isDirectory: boolean;
  crc32: number;
  size: number;
  mode: number;
}

export interface FileChange {
  path: string;
  content?: { ours: { crc32: string; size: number }; reference: { crc32: string; size: number } };
  mode?: { ours: string; reference: string };
}

export interface FileDiff {
  /** In our archive only. */
  added: string[];
  /** In the reference archive only. */
  missing: string[];
  changed: FileChange[];
}

const octal = (mode: number) => `0${(mode & 0o7777).toString(8)}`;
const hex = (crc: number) => (crc >>> 0).toString(16).padStart(8, '0');

/**
 * The files of a package: directory entries and the root composer.json (compared as JSON, not as bytes) left
 * out, paths taken relative to the package root, ignored paths dropped.
 */
export function packageFiles(entries: readonly ListedEntry[], root: string, ignored: (path: string) => boolean): PackageFile[] {
  const files: PackageFile[] = [];
  for (const e of entries) {
    if (e.isDirectory || !e.name.startsWith(root)) continue;
    const path = e.name.slice(root.length);
    if (path === 'composer.json' || ignored(path)) continue;
    files.push({ path, crc32: e.crc32, size: e.size, mode: e.mode });
  }
  return files;
}

/** Files added, missing, and changed in content (CRC-32 and size) or mode; modes are compared where both archives have them. */
export function diffFiles(ours: readonly PackageFile[], reference: readonly PackageFile[]): FileDiff {
  const theirs = new Map(reference.map((f) => [f.path, f]));
  const mine = new Set(ours.map((f) => f.path));
  const diff: FileDiff = { added: [], missing: reference.filter((f) => !mine.has(f.path)).map((f) => f.path).sort(), changed: [] };
  for (const f of [...ours].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const r = theirs.get(f.path);
    if (r === undefined) {
      diff.added.push(f.path);
      continue;
    }
    const change: FileChange = { path: f.path };
    if (f.crc32 !== r.crc32 || f.size !== r.size) {
      change.content = { ours: { crc32: hex(f.crc32), size: f.size }, reference: { crc32: hex(r.crc32), size: r.size } };
    }
    if (f.mode !== 0 && r.mode !== 0 && (f.mode & 0o777) !== (r.mode & 0o777)) change.mode = { ours: octal(f.mode), reference: octal(r.mode) };
    if (change.content !== undefined || change.mode !== undefined) diff.changed.push(change);
  }
  return diff;
}

export function isEmptyFileDiff(diff: FileDiff): boolean {
  return diff.added.length === 0 && diff.missing.length === 0 && diff.changed.length === 0;
}
