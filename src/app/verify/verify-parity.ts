import { createLimiter } from '../../adapters/composer-repository/limiter.js';
import type { ComposerRepository, PackageVersion } from '../../adapters/composer-repository/repository.js';
import { nameFilter, pathFilter } from '../../core/verify/name-filter.js';
import { compareVersionRefs, type ParityReport, type VersionDifference, type VersionRef } from '../../core/verify/parity-report.js';
import { compareVersionPair, type Pair } from './compare-version-pair.js';

export interface VerifyParityOptions {
  ours: ComposerRepository;
  reference: ComposerRepository;
  /** Globs of paths inside archives that are not compared. */
  ignore?: string[];
  /** Names or globs of the packages compared; all when empty. */
  packages?: string[];
  /** Package versions compared at once. */
  concurrency?: number;
}

async function versionsByNormalized(repository: ComposerRepository, name: string): Promise<Map<string, PackageVersion>> {
  return new Map(((await repository.versions(name)) ?? []).map((v) => [v.versionNormalized, v]));
}

const ref = (v: PackageVersion) => ({ package: v.name, version: v.version, normalized: v.versionNormalized });
const plain = ({ package: p, version }: VersionRef): VersionRef => ({ package: p, version });

/**
 * Compares every package version present in both repositories (files, their content and modes, composer.json
 * as data) and lists those present in only one. Reads only the archives of versions present in both.
 */
export async function verifyParity(options: VerifyParityOptions): Promise<ParityReport> {
  const started = Date.now();
  const { ours, reference } = options;
  const selected = options.packages !== undefined && options.packages.length > 0 ? nameFilter(options.packages) : () => true;
  const [ourNames, theirNames] = await Promise.all([ours.packageNames(), reference.packageNames()]);
  const names = [...new Set([...ourNames, ...theirNames])].filter(selected).sort();
  const pairs: Pair[] = [];
  const onlyInOurs: ReturnType<typeof ref>[] = [];
  const onlyInReference: ReturnType<typeof ref>[] = [];
  const listLimit = createLimiter(16);
  await Promise.all(
    names.map((name) =>
      listLimit(async () => {
        const [mine, theirs] = await Promise.all([versionsByNormalized(ours, name), versionsByNormalized(reference, name)]);
        for (const [normalized, v] of mine) {
          const other = theirs.get(normalized);
          if (other === undefined) onlyInOurs.push(ref(v));
          else pairs.push({ ours: { repository: ours, version: v }, reference: { repository: reference, version: other } });
        }
        for (const [normalized, v] of theirs) if (!mine.has(normalized)) onlyInReference.push(ref(v));
      }),
    ),
  );
  const ignored = pathFilter(options.ignore ?? []);
  const limit = createLimiter(options.concurrency ?? 8);
  pairs.sort((a, b) => compareVersionRefs(ref(a.ours.version), ref(b.ours.version)));
  const results = await Promise.all(pairs.map((pair) => limit(() => compareVersionPair(pair, ignored))));
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
    },
    differing,
    onlyInOurs: onlyInOurs.sort(compareVersionRefs).map(plain),
    onlyInReference: onlyInReference.sort(compareVersionRefs).map(plain),
    warnings: [...ours.warnings, ...reference.warnings],
    durationMs: Date.now() - started,
  };
}
