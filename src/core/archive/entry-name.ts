import { MageosError } from '../errors.js';

/** Refuses entry names that would escape the extraction directory or be read two ways. */
export function validateEntryName(name: string, where: string): void {
  const problem = entryNameProblem(name);
  if (problem !== null) {
    throw new MageosError('ERR_ARCHIVE_ENTRY_INVALID', `Archive entry "${name}" of ${where} ${problem}`, {
      hint: 'Exclude the path with a package rule "exclude" glob, or fix the file name in the source repository.',
    });
  }
}

// Matches every name that could have one of the problems below (and a few that have none): a name it does not
// match is fine without the checks one by one, which is nearly every name of a real repository.
const SUSPECT = /^$|^\/|^[A-Za-z]:|\\|\0|\/\/|(?:^|\/)\.\.?(?:\/|$)/;
/** Names up to this many UTF-16 units are shorter than 0xffff bytes in UTF-8 (3 bytes a unit at most). */
const SURELY_SHORT = 0x5555;

export function entryNameProblem(name: string): string | null {
  return name.length <= SURELY_SHORT && !SUSPECT.test(name) ? null : eachEntryNameProblem(name);
}

/** The checks one by one (exported for the test that holds the shortcut to them). */
export function eachEntryNameProblem(name: string): string | null {
  if (name.length === 0) return 'is empty';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  if (name.includes('\\')) return 'contains a backslash, which unzip tools read as a directory separator';
  if (name.includes('\0')) return 'contains a NUL byte';
  const segments = name.split('/');
  if (segments.some((s) => s === '..')) return 'contains a ".." segment';
  if (segments.some((s) => s === '.')) return 'contains a "." segment';
  if (segments.slice(0, -1).some((s) => s === '')) return 'contains an empty path segment';
  if (Buffer.byteLength(name) > 0xffff) return 'is longer than a zip entry name can be';
  return null;
}

/** Throws on the first entry name that appears twice. */
export function assertNoDuplicateEntries(names: Iterable<string>, where: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new MageosError('ERR_ARCHIVE_ENTRY_INVALID', `Archive entry "${name}" of ${where} appears twice`, {
        hint: 'Two rules or an empty directory and a file map to the same path; exclude one of them.',
      });
    }
    seen.add(name);
  }
}
