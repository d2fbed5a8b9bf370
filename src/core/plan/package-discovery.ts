import picomatch from 'picomatch';
import type { PackageRule } from '../config/schema.js';
import type { ReleaseTree, TreeRead } from './release-tree.js';
import type { PackageCandidate } from './types.js';

export interface DiscoveryProblem {
  path: string;
  message: string;
}

function normalizeDir(dir: string): string {
  const trimmed = dir.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  return trimmed === '.' ? '' : trimmed;
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** What discovering the packages of a tree read as planning asks must read of it first (the root is always read). */
export function discoveryReads(rules: readonly PackageRule[]): TreeRead[] {
  return rules.flatMap((rule): TreeRead[] => {
    switch (rule.type) {
      case 'auto':
        return [{ dir: '', what: 'everything' }];
      case 'modules':
        return [{ dir: normalizeDir(rule.dir), what: 'subdirectories' }];
      case 'directory':
      case 'metapackage':
        return [{ dir: normalizeDir(rule.dir), what: 'entries' }];
      case 'composer-json':
        return [];
    }
  });
}

/** Applies the package rules of a source to one tree: which directories are packages, and the problems found. */
export function discoverPackages(
  tree: ReleaseTree,
  rules: readonly PackageRule[],
): { candidates: PackageCandidate[]; problems: DiscoveryProblem[] } {
  const candidates: PackageCandidate[] = [];
  const problems: DiscoveryProblem[] = [];
  const add = (dir: string, kind: PackageCandidate['kind'], exclude: string[] = [], emptyDirs: string[] = [], rule?: PackageRule) => {
    const oid = tree.composerJsonAt(dir);
    if (oid === undefined) return false;
    candidates.push({ dir, kind, composerJsonOid: oid, exclude, emptyDirs, ...(rule?.type === 'directory' && rule.composerJson ? { rule } : {}) });
    return true;
  };

  for (const rule of rules) {
    switch (rule.type) {
      case 'auto':
        for (const dir of autoPackageDirs(tree.composerJsonDirs())) add(dir, 'auto');
        break;
      case 'modules': {
        const dir = normalizeDir(rule.dir);
        const excluded = picomatch(rule.exclude ?? [], { dot: true });
        for (const sub of tree.subdirectories(dir)) {
          if (excluded(sub)) continue;
          if (!add(join(dir, sub), 'package')) {
            problems.push({ path: join(dir, sub), message: 'module directory has no composer.json (exclude it in the rule if it is not a package)' });
          }
        }
        break;
      }
      case 'directory':
        add(normalizeDir(rule.dir), 'package', rule.exclude ?? [], rule.emptyDirs ?? [], rule);
        break;
      case 'metapackage':
        add(normalizeDir(rule.dir), 'metapackage');
        break;
      case 'composer-json':
        break; // planned from another source's file, after the directory packages of the release
    }
  }
  return { candidates, problems };
}

/** The root package if the root holds a composer.json, else every composer.json directory not nested in another. */
function autoPackageDirs(composerJsons: ReadonlyMap<string, string>): string[] {
  if (composerJsons.has('')) return [''];
  const dirs = [...composerJsons.keys()].sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
  const chosen: string[] = [];
  for (const dir of dirs) {
    if (!chosen.some((outer) => dir.startsWith(`${outer}/`))) chosen.push(dir);
  }
  return chosen.sort();
}
