import picomatch from 'picomatch';
import type { Fix } from '../config/schema.js';
import type { LeftOutDirectories } from './release-tree.js';
import type { ArtifactFile, PackageCandidate, TreeFile } from './types.js';

export interface FilePolicy {
  symlinks: 'skip' | 'error';
  submodules: 'skip' | 'error';
}

export interface LeftOutFile {
  path: string;
  why: 'symlink' | 'submodule';
}

type Selection = { files: ArtifactFile[]; leftOut: LeftOutFile[] };
/** What becomes of one file: an entry of the archive, a file left out with a warning, or nothing (excluded, composer.json). */
type Decision = ArtifactFile | LeftOutFile | null;

// A file list handed in again (a directory unchanged since the last release) gives the same selection back, not a copy.
let selections = new WeakMap<readonly TreeFile[], Map<string, Selection>>();
// A file seen in another list (an unchanged subdirectory of a directory that changed) is not matched against the globs again.
let decisions = new Map<string, WeakMap<TreeFile, Decision>>();

/**
 * Lets go of what selections remember, when no more releases are planned for a while (the trees are let go too):
 * the tables of weak maps keep their size after their files are gone (8-9 MB late in writing a synthetic
 * Magento history).
 */
export function forgetSelections(): void {
  selections = new WeakMap();
  decisions = new Map();
}

/**
 * Whether a path matches one of the globs, as picomatch's matcher of the list says (with `dot`), in one regular
 * expression test rather than one per glob: a package's excludes are tested against each of its files. A list
 * with a negation is left to picomatch.
 */
export function globsMatcher(globs: readonly string[]): (path: string) => boolean {
  if (globs.some((g) => g.startsWith('!'))) return picomatch([...globs], { dot: true });
  const literal = new Set(globs);
  const joined = new RegExp(globs.map((g) => picomatch.makeRe(g, { dot: true }).source).join('|'));
  return (path) => path !== '' && (literal.has(path) || joined.test(path));
}

const leftOutByExcludes = new Map<string, LeftOutDirectories>();

/** The directory an include glob starts with, before its first wildcard ('' when it starts with one, or escapes). */
function staticBase(glob: string): string {
  const { base } = picomatch.scan(glob);
  return base.includes('\\') ? '' : base;
}

/**
 * The directories of a package whose every file its rule's excludes leave out: neither read nor listed. A directory
 * in which an include-files fix of the source (of any package) might take a file back is kept, so what is
 * selected never depends on it: one on the way to where such a glob starts, or below it.
 */
export function leftOutDirectories(candidate: PackageCandidate, fixes: readonly Fix[]): LeftOutDirectories | undefined {
  if (candidate.exclude.length === 0) return undefined;
  const bases = [...new Set(fixes.flatMap((f) => (f.action === 'include-files' ? f.files.map(staticBase) : [])))].sort();
  if (bases.includes('')) return undefined;
  const key = JSON.stringify([candidate.exclude, bases]);
  let leftOut = leftOutByExcludes.get(key);
  if (leftOut === undefined) {
    const excluded = globsMatcher(candidate.exclude);
    const mayInclude = (dir: string) => bases.some((base) => base === dir || base.startsWith(`${dir}/`) || dir.startsWith(`${base}/`));
    leftOutByExcludes.set(key, (leftOut = { key, test: (dir) => excluded(dir) && !mayInclude(dir) }));
  }
  return leftOut;
}

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
  if (selection === undefined) {
    let decided = decisions.get(key);
    if (decided === undefined) decisions.set(key, (decided = new WeakMap()));
    known.set(key, (selection = select(candidate.exclude, treeFiles, perVersion, decided)));
  }
  return selection;
}

function select(exclude: readonly string[], treeFiles: readonly TreeFile[], perVersion: { exclude: string[]; include: string[] }, decided: WeakMap<TreeFile, Decision>): Selection {
  const globs = [...exclude, ...perVersion.exclude];
  const excluded = globs.length > 0 ? underMatch(globsMatcher(globs)) : null;
  const included = perVersion.include.length > 0 ? underMatch(globsMatcher(perVersion.include)) : null;
  const isExcluded = (rel: string) => excluded !== null && excluded(rel) && !(included !== null && included(rel));
  const decide = (f: TreeFile): Decision => {
    const rel = f.path;
    if (rel === 'composer.json' || isExcluded(rel)) return null;
    if (f.type === 'commit') return { path: rel, why: 'submodule' };
    if (f.mode === '120000') return { path: rel, why: 'symlink' };
    return { path: rel, oid: f.oid, executable: f.mode === '100755' };
  };
  const files: ArtifactFile[] = [];
  const leftOut: LeftOutFile[] = [];
  for (const f of treeFiles) {
    let decision = decided.get(f);
    if (decision === undefined) decided.set(f, (decision = decide(f)));
    if (decision === null) continue;
    if ('why' in decision) leftOut.push(decision);
    else files.push(decision);
  }
  return { files, leftOut };
}

/** Whether a path or a directory it is in matches; each directory is matched once per selection, not once per file. */
function underMatch(test: (path: string) => boolean): (path: string) => boolean {
  const dirs = new Map<string, boolean>();
  const inMatchingDir = (dir: string): boolean => {
    let matched = dirs.get(dir);
    if (matched === undefined) {
      const slash = dir.lastIndexOf('/');
      dirs.set(dir, (matched = test(dir) || (slash > 0 && inMatchingDir(dir.slice(0, slash)))));
    }
    return matched;
  };
  return (path) => {
    const slash = path.lastIndexOf('/');
    return test(path) || (slash > 0 && inMatchingDir(path.slice(0, slash)));
  };
}
