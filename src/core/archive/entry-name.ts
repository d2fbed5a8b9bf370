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

function entryNameProblem(name: string): string | null {
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
