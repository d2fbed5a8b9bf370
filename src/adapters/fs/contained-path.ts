import { lstatSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { entryNameProblem } from '../../core/archive/entry-name.js';
import { MageosError } from '../../core/errors.js';

function refuse(root: string, relative: string, problem: string): MageosError {
  return new MageosError('ERR_PATH_OUTSIDE_OUTPUT', `${JSON.stringify(relative)} cannot be written in ${root}: it ${problem}`, {
    hint: 'A package name or version from the input made this path; fix it there. A symbolic link inside the repository is never followed: replace it with a directory.',
  });
}

/**
 * The one way from a path relative to a root (built from outside data: package names, versions) to a file
 * system path: guaranteed to resolve inside the root, through no symbolic link below it. Directories already
 * checked are kept in `checked`, so a build's thousands of archives cost an lstat per new directory.
 */
export function containedPath(root: string, relative: string, checked: Set<string>): string {
  const problem = entryNameProblem(relative);
  if (problem !== null) throw refuse(root, relative, problem);
  const base = resolve(root);
  const path = resolve(base, relative);
  if (!path.startsWith(base + sep)) throw refuse(root, relative, 'resolves outside it');
  const existing: string[] = [];
  for (let dir = dirname(path); dir !== base && !checked.has(dir); dir = dirname(dir)) {
    const stat = lstatSync(dir, { throwIfNoEntry: false });
    if (stat?.isSymbolicLink() === true) throw refuse(root, relative, `goes through the symbolic link ${dir}`);
    // A directory not there yet is made by the writer, and checked when a later path finds it.
    if (stat !== undefined) existing.push(dir);
  }
  // Only once the whole chain up to the root is known to be free of links.
  for (const dir of existing) checked.add(dir);
  return path;
}
