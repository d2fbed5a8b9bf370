import { MageosError } from '../../core/errors.js';
import { packageNameProblem, versionFileNameProblem } from '../../core/plan/path-safe-names.js';

/** Where a package version's archive lives in the repository (the path the public Mage-OS repositories use). */
export function archivePath(name: string, version: string): string {
  const problem = packageNameProblem(name) ?? versionFileNameProblem(version);
  if (problem !== null) {
    throw new MageosError('ERR_PACKAGE_INVALID', `${JSON.stringify(name)} ${JSON.stringify(version)} cannot name an archive: it ${problem}`, {
      hint: 'Fix the package name or version in its composer.json, or add a set-version fix.',
    });
  }
  return `packages/${name}-${version}.zip`;
}
