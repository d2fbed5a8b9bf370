import picomatch from 'picomatch';
import type { ArtifactFile, PackageCandidate, TreeFile } from './types.js';

export interface FilePolicy {
  symlinks: 'skip' | 'error';
  submodules: 'skip' | 'error';
}

export interface LeftOutFile {
  path: string;
  why: 'symlink' | 'submodule';
}

function ancestors(path: string): string[] {
  const dirs = [''];
  let slash = path.indexOf('/');
  while (slash >= 0) {
    dirs.push(path.slice(0, slash));
    slash = path.indexOf('/', slash + 1);
  }
  return dirs;
}

type Selection = { files: ArtifactFile[]; leftOut: LeftOutFile[] };

// A file list handed in again (a directory unchanged since the last release) gives the same selection back, not a copy.
const selections = new WeakMap<readonly TreeFile[], Map<string, Selection>>();

/** The files that go into a package's archive (`treeFiles`: relative to its directory), its composer.json and excluded paths left out. */
export function selectPackageFiles(
  candidate: PackageCandidate,
  treeFiles: readonly TreeFile[],
  perVersion: { exclude: string[]; include: string[] } = { exclude: [], include: [] },
): Selection {
  const key = JSON.stringify([candidate.exclude, perVersion.exclude, perVersion.include]);
  let known = selections.get(treeFiles);
  if (known === undefined) selections.set(treeFiles, (known = new Map()));
  let selection = known.get(key);
  if (selection === undefined) known.set(key, (selection = select(candidate.exclude, treeFiles, perVersion)));
  return selection;
}

function select(exclude: readonly string[], treeFiles: readonly TreeFile[], perVersion: { exclude: string[]; include: string[] }): Selection {
  const globs = [...exclude, ...perVersion.exclude];
  const excluded = globs.length > 0 ? picomatch(globs, { dot: true }) : null;
  const included = perVersion.include.length > 0 ? picomatch(perVersion.include, { dot: true }) : null;
  const matches = (test: (p: string) => boolean, rel: string) => [...ancestors(rel).slice(1), rel].some((p) => test(p));
  const isExcluded = (rel: string) => excluded !== null && matches(excluded, rel) && !(included !== null && matches(included, rel));
  const files: ArtifactFile[] = [];
  const leftOut: LeftOutFile[] = [];
  for (const f of treeFiles) {
    const rel = f.path;
    if (rel === 'composer.json' || isExcluded(rel)) continue;
    if (f.type === 'commit') leftOut.push({ path: rel, why: 'submodule' });
    else if (f.mode === '120000') leftOut.push({ path: rel, why: 'symlink' });
    else files.push({ path: rel, oid: f.oid, executable: f.mode === '100755' });
  }
  return { files, leftOut };
}
