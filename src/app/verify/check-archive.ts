import { readArchiveContents } from '../../adapters/composer-repository/archive-contents.js';
import type { ComposerRepository, PackageVersion } from '../../adapters/composer-repository/repository.js';
import { isMageosError } from '../../core/errors.js';
import { checkArchiveComposerJson } from '../../core/verify/archive-checks.js';
import { type IntegrityProblem, problem } from '../../core/verify/integrity-problem.js';

/** Checks one version's dist: the archive is there, has the sha1 the metadata promises, is a zip, and its composer.json agrees. */
export async function checkArchive(repository: ComposerRepository, v: PackageVersion): Promise<IntegrityProblem[]> {
  const dist = v.dist;
  if (dist === null) return [];
  const at = { url: dist.url };
  if (dist.type !== 'zip') return [problem(v.name, v.version, 'dist-unsupported', `the dist is of type "${dist.type}", which is not checked`, { ...at, type: dist.type })];
  const archive = await repository.archive(v);
  if (archive === null) return [problem(v.name, v.version, 'archive-missing', `the archive ${dist.url} does not exist`, at)];
  const problems: IntegrityProblem[] = [];
  const sha1 = dist.shasum === '' ? '' : await archive.sha1();
  if (sha1 !== dist.shasum.toLowerCase()) {
    problems.push(problem(v.name, v.version, 'shasum-mismatch', `the archive's sha1 is ${sha1}, the metadata says ${dist.shasum}`, { ...at, expected: dist.shasum, actual: sha1 }));
  }
  try {
    const contents = await readArchiveContents(archive.file);
    problems.push(...checkArchiveComposerJson(v.metadata, contents.composerJson));
  } catch (error) {
    if (!isMageosError(error) || error.code !== 'ERR_ARCHIVE_ENTRY_INVALID') throw error;
    problems.push(problem(v.name, v.version, 'archive-invalid', `the archive is not a valid zip: ${error.message}`, { ...at, error: error.message }));
  }
  return problems;
}
