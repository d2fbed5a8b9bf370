import type { ComposerRepository, PackageVersion } from '../../adapters/composer-repository/repository.js';
import { diffFiles, isEmptyFileDiff } from '../../core/verify/file-diff.js';
import { diffJson } from '../../core/verify/json-diff.js';
import type { VersionDifference } from '../../core/verify/parity-report.js';
import { readPackageSide } from './package-side.js';

export interface Pair {
  ours: { repository: ComposerRepository; version: PackageVersion };
  reference: { repository: ComposerRepository; version: PackageVersion };
}

/** How one package version differs between the two repositories; null when it does not. */
export async function compareVersionPair(pair: Pair, ignored: (path: string) => boolean): Promise<VersionDifference | null> {
  const [ours, reference] = await Promise.all([
    readPackageSide(pair.ours.repository, pair.ours.version, ignored, 'our'),
    readPackageSide(pair.reference.repository, pair.reference.version, ignored, 'the reference'),
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
