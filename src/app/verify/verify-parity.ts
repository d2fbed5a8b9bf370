import { createLimiter } from '../../adapters/composer-repository/limiter.js';
import type { ComposerRepository, PackageVersion } from '../../adapters/composer-repository/repository.js';
import { isMageosError } from '../../core/errors.js';
import { REPOSITORY_ITSELF } from '../../core/verify/integrity-problem.js';
import { nameFilter, pathFilter } from '../../core/verify/name-filter.js';
import { compareParityProblems, compareVersionRefs, type ParityProblem, type ParityReport, type VersionDifference, type VersionRef } from '../../core/verify/parity-report.js';
import { readArchive, SharedReads } from './archive-reads.js';
import { compareVersionPair } from './compare-version-pair.js';
import { locatePairs } from './side-archives.js';
import { type OnVerifyProgress, withProgress } from './verify-progress.js';

export interface VerifyParityOptions {
  ours: ComposerRepository;
  reference: ComposerRepository;
  /** Globs of paths inside archives that are not compared. */
  ignore?: string[];
  /** Names or globs of the packages compared; all when empty. */
  packages?: string[];
  /** Package versions compared at once. */
  concurrency?: number;
  onProgress?: OnVerifyProgress;
}

type Side = ParityProblem['side'];

/** A package's versions by normalized version; what is wrong with its metadata goes to `problems`. */
async function versionsByNormalized(repository: ComposerRepository, side: Side, name: string, problems: ParityProblem[]): Promise<Map<string, PackageVersion>> {
  try {
    const listing = await repository.versions(name);
    for (const p of listing?.problems ?? []) problems.push({ side, package: name, version: p.version, message: p.message });
    return new Map((listing?.versions ?? []).map((v) => [v.versionNormalized, v]));
  } catch (error) {
    if (!isMageosError(error) || error.code !== 'ERR_METADATA_INVALID') throw error;
    problems.push({ side, package: name, version: null, message: error.message });
    return new Map();
  }
}

const ref = (v: PackageVersion) => ({ package: v.name, version: v.version, normalized: v.versionNormalized });
const plain = ({ package: p, version }: VersionRef): VersionRef => ({ package: p, version });

/**
 * Compares every package version present in both repositories (files, their content and modes, composer.json
 * as data) and lists those present in only one. Reads only the archives of versions present in both, each
 * archive file once.
 */
export async function verifyParity(options: VerifyParityOptions): Promise<ParityReport> {
  const started = Date.now();
  const { ours, reference, onProgress } = options;
  const selected = options.packages !== undefined && options.packages.length > 0 ? nameFilter(options.packages) : () => true;
  const [ourNames, theirNames] = await Promise.all([ours.packageNames(), reference.packageNames()]);
  const names = [...new Set([...ourNames, ...theirNames])].filter(selected).sort();
  const sides: Array<{ ours: PackageVersion; reference: PackageVersion }> = [];
  const onlyInOurs: ReturnType<typeof ref>[] = [];
  const onlyInReference: ReturnType<typeof ref>[] = [];
  const problems: ParityProblem[] = [];
  const listLimit = createLimiter(16);
  await withProgress(names, 'metadata', onProgress, (name) =>
    listLimit(async () => {
      const [mine, theirs] = await Promise.all([versionsByNormalized(ours, 'ours', name, problems), versionsByNormalized(reference, 'reference', name, problems)]);
      for (const [normalized, v] of mine) {
        const other = theirs.get(normalized);
        if (other === undefined) onlyInOurs.push(ref(v));
        else sides.push({ ours: v, reference: other });
      }
      for (const [normalized, v] of theirs) if (!mine.has(normalized)) onlyInReference.push(ref(v));
    }),
  );
  problems.push(...ours.problems.map((message) => ({ side: 'ours' as const, package: REPOSITORY_ITSELF, version: null, message })));
  problems.push(...reference.problems.map((message) => ({ side: 'reference' as const, package: REPOSITORY_ITSELF, version: null, message })));
  sides.sort((a, b) => compareVersionRefs(ref(a.ours), ref(b.ours)));
  const concurrency = options.concurrency ?? 8;
  const pairs = await locatePairs(sides, ours, reference, concurrency, onProgress);
  const reads = new SharedReads(readArchive);
  for (const pair of pairs) for (const side of [pair.ours, pair.reference]) if (side.archive !== null && 'archive' in side.archive.lookup) reads.expect(side.archive.lookup.archive);
  const ignored = pathFilter(options.ignore ?? []);
  const limit = createLimiter(concurrency);
  const results = await withProgress(pairs, 'checks', onProgress, (pair) => limit(() => compareVersionPair(pair, ignored, (archive) => reads.take(archive))), (p) => `${p.ours.version.name} ${p.ours.version.version}`);
  const differing = results.filter((d): d is VersionDifference => d !== null);
  return {
    repository: ours.location,
    reference: reference.location,
    counts: {
      compared: pairs.length,
      identical: pairs.length - differing.length,
      differing: differing.length,
      onlyInOurs: onlyInOurs.length,
      onlyInReference: onlyInReference.length,
      problems: problems.length,
    },
    differing,
    onlyInOurs: onlyInOurs.sort(compareVersionRefs).map(plain),
    onlyInReference: onlyInReference.sort(compareVersionRefs).map(plain),
    problems: problems.sort(compareParityProblems),
    warnings: [...ours.warnings, ...reference.warnings],
    access: [ours.access(), reference.access()],
    durationMs: Date.now() - started,
  };
}
