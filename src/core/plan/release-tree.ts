import type { TreeFile } from './types.js';

/** The files of one release as planning reads them: directories are paths from the repository root ('' is the root). */
export interface ReleaseTree {
  /** Every directory holding a composer.json blob, with that blob's id. */
  composerJsonDirs(): ReadonlyMap<string, string>;
  /** Names of the directories directly inside `dir` that hold at least one file, sorted. */
  subdirectories(dir: string): string[];
  /** Every file in `dir` and below, with paths relative to `dir`, in git's order. */
  filesUnder(dir: string): readonly TreeFile[];
  /** An id that is the same whenever everything in `dir` is (git's tree id); undefined when not known. */
  directoryId(dir: string): string | undefined;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** A release tree over a flat file list with paths from the root, as `git ls-tree -r` gives it. */
export function flatReleaseTree(files: readonly TreeFile[]): ReleaseTree {
  const under = (dir: string) => {
    const prefix = dir === '' ? '' : `${dir}/`;
    return files.filter((f) => f.path.startsWith(prefix));
  };
  return {
    composerJsonDirs() {
      const dirs = new Map<string, string>();
      for (const f of files) {
        if (f.type === 'blob' && (f.path === 'composer.json' || f.path.endsWith('/composer.json'))) dirs.set(parentOf(f.path), f.oid);
      }
      return dirs;
    },
    subdirectories(dir) {
      const names = new Set<string>();
      const prefixLength = dir === '' ? 0 : dir.length + 1;
      for (const f of under(dir)) {
        const slash = f.path.indexOf('/', prefixLength);
        if (slash > prefixLength) names.add(f.path.slice(prefixLength, slash));
      }
      return [...names].sort();
    },
    filesUnder(dir) {
      const prefixLength = dir === '' ? 0 : dir.length + 1;
      return under(dir).map((f) => ({ ...f, path: f.path.slice(prefixLength) }));
    },
    directoryId: () => undefined,
  };
}
