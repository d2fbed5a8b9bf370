import { createLimiter } from '../../adapters/composer-repository/limiter.js';
import type { ArchiveLookup, ComposerRepository, LocalArchive, PackageVersion } from '../../adapters/composer-repository/repository.js';
import { isMageosError } from '../../core/errors.js';
import { compareProblems, type IntegrityProblem, type IntegrityReport, problem, REPOSITORY_ITSELF } from '../../core/verify/integrity-problem.js';
import { ownVendorsFilter } from '../../core/verify/name-filter.js';
import { RequirementIndex, type UnmetRequirement } from '../../core/verify/requirement-index.js';
import { ArchiveLookups, SharedReads } from './archive-reads.js';
import { archiveFacts, checkArchive, lookupProblems } from './check-archive.js';
import { type OnVerifyProgress, withProgress } from './verify-progress.js';

export interface VerifyIntegrityOptions {
  repository: ComposerRepository;
  /** Names or globs (`magento/*`) whose requirements must resolve in the repository, besides those of the vendors it serves. */
  vendors?: string[];
  /** Archives checked at once. */
  concurrency?: number;
  onProgress?: OnVerifyProgress;
}

function unmetProblem(v: PackageVersion, u: UnmetRequirement): IntegrityProblem {
  const available = u.available.length > 0 ? `available: ${u.available.join(', ')}` : 'the repository has no version of it';
  if (u.reason === 'invalid-constraint') {
    return problem(v.name, v.version, 'invalid-constraint', `requires ${u.require} "${u.constraint}", which is not a valid constraint: ${u.error}`, {
      require: u.require,
      constraint: u.constraint,
      error: u.error,
    });
  }
  return problem(v.name, v.version, 'unmet-requirement', `requires ${u.require} ${u.constraint}, which no version in the repository matches (${available})`, {
    require: u.require,
    constraint: u.constraint,
    available: u.available,
  });
}

/** Reads every package's versions; a package whose metadata is missing or broken is a problem, not a stop. */
async function loadVersions(repository: ComposerRepository, names: string[], problems: IntegrityProblem[], onProgress: OnVerifyProgress | undefined): Promise<PackageVersion[]> {
  const limit = createLimiter(16);
  const lists = await withProgress(names, 'metadata', onProgress, (name) =>
    limit(async () => {
      try {
        const listing = await repository.versions(name);
        if (listing === null) problems.push(problem(name, null, 'metadata-missing', 'the repository lists the package but has no metadata for it'));
        for (const p of listing?.problems ?? []) problems.push(problem(name, p.version, 'metadata-invalid', p.message));
        return listing?.versions ?? [];
      } catch (error) {
        if (!isMageosError(error) || error.code !== 'ERR_METADATA_INVALID') throw error;
        problems.push(problem(name, null, 'metadata-invalid', error.message));
        return [];
      }
    }),
  );
  return lists.flat();
}

/**
 * Every zip archive checked once per archive file: each dist URL looked up (downloaded) once, each file then
 * hashed and read once however many versions point at it, and each version checked against what was found.
 */
async function archiveProblems(repository: ComposerRepository, versions: PackageVersion[], concurrency: number, onProgress: OnVerifyProgress | undefined): Promise<IntegrityProblem[]> {
  const limit = createLimiter(concurrency);
  const lookups = new ArchiveLookups(repository);
  const located = await withProgress(versions, 'archives', onProgress, (v) => limit(async (): Promise<[PackageVersion, ArchiveLookup]> => [v, await lookups.lookup(v.dist!)]));
  const problems = located.flatMap(([v, lookup]) => lookupProblems(v, lookup));
  const found = located.filter((l): l is [PackageVersion, { archive: LocalArchive }] => 'archive' in l[1]);
  const reads = new SharedReads(archiveFacts);
  for (const [, { archive }] of found) reads.expect(archive);
  const checked = await withProgress(found, 'checks', onProgress, ([v, { archive }]) => limit(async () => checkArchive(v, await reads.take(archive))), ([v]) => `${v.name} ${v.version}`);
  return [...problems, ...checked.flat()];
}

/**
 * Checks a repository on its own: its metadata is sound, every requirement on a package of a vendor it serves
 * (or on a name `vendors` matches) has a matching version in it, and every archive exists, has its sha1, is a
 * zip and agrees with the metadata.
 */
export async function verifyIntegrity(options: VerifyIntegrityOptions): Promise<IntegrityReport> {
  const started = Date.now();
  const { repository, onProgress } = options;
  const names = await repository.packageNames();
  const problems: IntegrityProblem[] = [];
  const versions = await loadVersions(repository, names, problems, onProgress);
  problems.push(...repository.problems.map((message) => problem(REPOSITORY_ITSELF, null, 'metadata-invalid', message)));
  const index = new RequirementIndex();
  for (const v of versions) index.add({ ...v, replace: v.metadata.replace, provide: v.metadata.provide });
  // A package whose metadata is missing or broken is reported once, not again under every package requiring it.
  const unreadable = new Set(problems.map((p) => p.package.toLowerCase()));
  const ownVendors = ownVendorsFilter(names, options.vendors ?? []);
  const mustResolve = (name: string) => !unreadable.has(name.toLowerCase()) && ownVendors(name);
  const notChecked = new Set<string>();
  for (const v of versions) {
    for (const u of index.unmet(v, v.metadata.require, mustResolve)) problems.push(unmetProblem(v, u));
    for (const name of index.unchecked(v.metadata.require, mustResolve)) if (!unreadable.has(name.toLowerCase())) notChecked.add(name.toLowerCase());
  }
  const withDist = versions.filter((v) => v.dist !== null);
  for (const v of withDist) {
    if (v.dist!.type !== 'zip') problems.push(problem(v.name, v.version, 'dist-unsupported', `the dist is of type "${v.dist!.type}", which is not checked`, { url: v.dist!.url, type: v.dist!.type }));
  }
  problems.push(...(await archiveProblems(repository, withDist.filter((v) => v.dist!.type === 'zip'), options.concurrency ?? 8, onProgress)));
  return {
    repository: repository.location,
    counts: { packages: names.length, versions: versions.length, archives: withDist.length, problems: problems.length },
    problems: problems.sort(compareProblems),
    notChecked: [...notChecked].sort(),
    access: [repository.access()],
    durationMs: Date.now() - started,
  };
}
