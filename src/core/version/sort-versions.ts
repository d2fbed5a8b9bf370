import { compareVersions } from './compare-versions.js';
import { normalizeVersion } from './normalize-version.js';

const DEFAULT_BRANCHES = new Set(['dev-master', 'dev-default', 'dev-trunk']);

/** Versions as written, oldest first, like Composer\Semver\Semver::sort (master, default and trunk sort last). */
export function sortVersions(versions: readonly string[]): string[] {
  return sortBy(versions, 1);
}

/** Versions as written, newest first, like Composer\Semver\Semver::rsort. */
export function rsortVersions(versions: readonly string[]): string[] {
  return sortBy(versions, -1);
}

function sortBy(versions: readonly string[], direction: 1 | -1): string[] {
  const keyed = versions.map((version, index) => {
    const normalized = normalizeVersion(version);
    // Semver::sort still treats the default branches as the newest version (normalizeDefaultBranch).
    return { version, index, key: DEFAULT_BRANCHES.has(normalized) ? '9999999-dev' : normalized };
  });
  keyed.sort((a, b) => direction * compareVersions(a.key, b.key) || a.index - b.index);
  return keyed.map((entry) => entry.version);
}
