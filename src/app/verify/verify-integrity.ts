import { createLimiter } from '../../adapters/composer-repository/limiter.js';
import type { ComposerRepository, PackageVersion } from '../../adapters/composer-repository/repository.js';
import { isMageosError } from '../../core/errors.js';
import { compareProblems, type IntegrityProblem, type IntegrityReport, problem } from '../../core/verify/integrity-problem.js';
import { ownVendorsFilter } from '../../core/verify/name-filter.js';
import { RequirementIndex, type UnmetRequirement } from '../../core/verify/requirement-index.js';
import { checkArchive } from './check-archive.js';

export interface VerifyIntegrityOptions {
  repository: ComposerRepository;
  /** Names or globs (`magento/*`) whose requirements must resolve in the repository, besides those of the vendors it serves. */
  vendors?: string[];
  /** Archives checked at once. */
  concurrency?: number;
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
async function loadVersions(repository: ComposerRepository, names: string[], problems: IntegrityProblem[]): Promise<PackageVersion[]> {
  const limit = createLimiter(16);
  const lists = await Promise.all(
    names.map((name) =>
      limit(async () => {
        try {
          const versions = await repository.versions(name);
          if (versions === null) problems.push(problem(name, null, 'metadata-missing', 'the repository lists the package but has no metadata for it'));
          return versions ?? [];
        } catch (error) {
          if (!isMageosError(error) || error.code !== 'ERR_METADATA_INVALID') throw error;
          problems.push(problem(name, null, 'metadata-invalid', error.message));
          return [];
        }
      }),
    ),
  );
  return lists.flat();
}

/**
 * Checks a repository on its own: every requirement on a package of a vendor it serves (or on a name `vendors`
 * matches) has a matching version in it, and every archive exists, has its sha1, is a zip and agrees with the metadata.
 */
export async function verifyIntegrity(options: VerifyIntegrityOptions): Promise<IntegrityReport> {
  const started = Date.now();
  const { repository } = options;
  const problems: IntegrityProblem[] = [];
  const names = await repository.packageNames();
  const versions = await loadVersions(repository, names, problems);
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
  const limit = createLimiter(options.concurrency ?? 8);
  const withDist = versions.filter((v) => v.dist !== null);
  const archiveProblems = await Promise.all(withDist.map((v) => limit(() => checkArchive(repository, v))));
  problems.push(...archiveProblems.flat());
  return {
    repository: repository.location,
    counts: { packages: names.length, versions: versions.length, archives: withDist.length, problems: problems.length },
    problems: problems.sort(compareProblems),
    notChecked: [...notChecked].sort(),
    durationMs: Date.now() - started,
  };
}
