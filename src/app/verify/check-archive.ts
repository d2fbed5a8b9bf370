import type { ArchiveLookup, LocalArchive, PackageVersion } from '../../adapters/composer-repository/repository.js';
import { checkArchiveComposerJson } from '../../core/verify/archive-checks.js';
import { type IntegrityProblem, problem } from '../../core/verify/integrity-problem.js';
import { type ArchiveRead, readArchive } from './archive-reads.js';

/** What integrity needs of one archive file: its sha1 and its contents, read once for every version pointing at it. */
export interface ArchiveFacts {
  sha1: string;
  read: ArchiveRead;
}

export async function archiveFacts(archive: LocalArchive): Promise<ArchiveFacts> {
  const [sha1, read] = await Promise.all([archive.sha1(), readArchive(archive)]);
  return { sha1, read };
}

/** What the lookup of a version's dist found wrong before any byte was read: absent, or refused. */
export function lookupProblems(v: PackageVersion, lookup: ArchiveLookup): IntegrityProblem[] {
  const url = v.dist?.url ?? '';
  if ('missing' in lookup) return [problem(v.name, v.version, 'archive-missing', `the archive ${url} does not exist`, { url })];
  if ('refused' in lookup) return [problem(v.name, v.version, 'dist-refused', `the archive ${url} is not read: ${lookup.refused}`, { url, reason: lookup.refused })];
  return [];
}

/** Checks one version's archive: the sha1 the metadata promises, a valid zip, and a composer.json that agrees. */
export function checkArchive(v: PackageVersion, facts: ArchiveFacts): IntegrityProblem[] {
  const dist = v.dist;
  if (dist === null) return [];
  const at = { url: dist.url };
  const problems: IntegrityProblem[] = [];
  if (dist.shasum !== '' && facts.sha1 !== dist.shasum.toLowerCase()) {
    problems.push(problem(v.name, v.version, 'shasum-mismatch', `the archive's sha1 is ${facts.sha1}, the metadata says ${dist.shasum}`, { ...at, expected: dist.shasum, actual: facts.sha1 }));
  }
  if ('invalid' in facts.read) {
    problems.push(problem(v.name, v.version, 'archive-invalid', `the archive is not a valid zip: ${facts.read.invalid}`, { ...at, error: facts.read.invalid }));
    return problems;
  }
  const { composerJson, composerJsonTooLarge } = facts.read.contents;
  if (composerJsonTooLarge !== undefined) {
    problems.push(problem(v.name, v.version, 'composer-json-invalid', `the archive's composer.json is ${composerJsonTooLarge} bytes, too large to be read (limit 16 MiB)`, { ...at, size: composerJsonTooLarge }));
    return problems;
  }
  problems.push(...checkArchiveComposerJson(v.metadata, composerJson));
  return problems;
}
