import type { LocalArchive, PackageVersion } from '../../adapters/composer-repository/repository.js';
import { diffFiles, isEmptyFileDiff } from '../../core/verify/file-diff.js';
import { diffJson } from '../../core/verify/json-diff.js';
import type { VersionDifference } from '../../core/verify/parity-report.js';
import type { ArchiveRead } from './archive-reads.js';
import { readPackageSide, type SideArchive } from './package-side.js';

/** One version present in both repositories, with each side's archive as looked up (null: read from metadata). */
export interface Pair {
  ours: { version: PackageVersion; archive: SideArchive | null };
  reference: { version: PackageVersion; archive: SideArchive | null };
}

/** How one package version differs between the two repositories; null when it does not. */
export async function compareVersionPair(pair: Pair, ignored: (path: string) => boolean, read: (archive: LocalArchive) => Promise<ArchiveRead>): Promise<VersionDifference | null> {
  const [ours, reference] = await Promise.all([
    readPackageSide(pair.ours.version, pair.ours.archive, read, ignored, 'our'),
    readPackageSide(pair.reference.version, pair.reference.archive, read, ignored, 'the reference'),
  ]);
  const difference: VersionDifference = {
    package: pair.ours.version.name,
    version: pair.ours.version.version,
    files: ours.files !== null && reference.files !== null ? diffFiles(ours.files, reference.files) : { added: [], missing: [], changed: [] },
    composerJson: ignored('composer.json')
      ? []
      : diffJson(ours.composerJson, reference.composerJson).map((c) => ({
          key: c.key,
          ...('left' in c ? { ours: c.left } : {}),
          ...('right' in c ? { reference: c.right } : {}),
        })),
    problems: [ours.problem, reference.problem].filter((p): p is string => p !== undefined),
  };
  const [oursDist, referenceDist] = [pair.ours.version.dist !== null, pair.reference.version.dist !== null];
  if (oursDist && !referenceDist && !reference.isMetapackage) difference.distOnlyIn = 'ours';
  if (!oursDist && referenceDist && !ours.isMetapackage) difference.distOnlyIn = 'reference';
  const same = isEmptyFileDiff(difference.files) && difference.composerJson.length === 0 && difference.problems.length === 0 && difference.distOnlyIn === undefined;
  return same ? null : difference;
}
