import type { TreeFile } from './types.js';

/** Directories a listing leaves out (every file below one would be excluded anyway), by path relative to the directory listed. */
export interface LeftOutDirectories {
  /** The same for every listing that leaves out the same directories: listings are remembered by it. */
  key: string;
  test: (relativeDir: string) => boolean;
}

/** What planning is about to ask of a directory, read beforehand when the tree is read as needed. */
export type TreeRead =
  /** Its own entries: composerJsonAt(dir), directoryId of what is in it. */
  | { dir: string; what: 'entries' }
  /** Its entries and those of its subdirectories: subdirectories(dir). */
  | { dir: string; what: 'subdirectories' }
  /** Everything below it, but the directories left out: filesUnder(dir, leaveOut), and composerJsonDirs() for ''. */
  | { dir: string; what: 'everything'; leaveOut?: LeftOutDirectories };

/** The files of one release as planning reads them: directories are paths from the repository root ('' is the root). */
export interface ReleaseTree {
  /** Every directory holding a composer.json blob, with that blob's id. */
  composerJsonDirs(): ReadonlyMap<string, string>;
  /** The id of the composer.json blob directly in `dir`, if there is one. */
  composerJsonAt(dir: string): string | undefined;
  /** Names of the directories directly inside `dir` that hold at least one file, sorted. */
  subdirectories(dir: string): string[];
  /** Every file in `dir` and below, with paths relative to `dir`, in git's order; without the directories `leaveOut` names. */
  filesUnder(dir: string, leaveOut?: LeftOutDirectories): readonly TreeFile[];
  /** An id that is the same whenever everything in `dir` is (git's tree id); undefined when not known. */
  directoryId(dir: string): string | undefined;
  /**
   * Reads what the questions above will need of a directory, for a tree read as planning goes (one read whole
   * needs nothing). Asking for a part not read is a programming error, and says so.
   */
  read(request: TreeRead): Promise<void>;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Whether one of the directories `relative` is in (not the file's own name) is left out. */
export function inLeftOutDirectory(relative: string, leaveOut: LeftOutDirectories): boolean {
  for (let slash = relative.indexOf('/'); slash > 0; slash = relative.indexOf('/', slash + 1)) {
    if (leaveOut.test(relative.slice(0, slash))) return true;
  }
  return false;
}

/** A release tree over a flat file list with paths from the root, as `git ls-tree -r` gives it. */
export function flatReleaseTree(files: readonly TreeFile[]): ReleaseTree {
  const under = (dir: string) => {
    const prefix = dir === '' ? '' : `${dir}/`;
    return files.filter((f) => f.path.startsWith(prefix));
  };
  const composerJsonDirs = () => {
    const dirs = new Map<string, string>();
    for (const f of files) {
      if (f.type === 'blob' && (f.path === 'composer.json' || f.path.endsWith('/composer.json'))) dirs.set(parentOf(f.path), f.oid);
    }
    return dirs;
  };
  return {
    composerJsonDirs,
    composerJsonAt: (dir) => composerJsonDirs().get(dir),
    subdirectories(dir) {
      const names = new Set<string>();
      const prefixLength = dir === '' ? 0 : dir.length + 1;
      for (const f of under(dir)) {
        const slash = f.path.indexOf('/', prefixLength);
        if (slash > prefixLength) names.add(f.path.slice(prefixLength, slash));
      }
      return [...names].sort();
    },
    filesUnder(dir, leaveOut) {
      const prefixLength = dir === '' ? 0 : dir.length + 1;
      const listed = under(dir).map((f) => ({ ...f, path: f.path.slice(prefixLength) }));
      return leaveOut === undefined ? listed : listed.filter((f) => !inLeftOutDirectory(f.path, leaveOut));
    },
    directoryId: () => undefined,
    read: async () => {},
  };
}
