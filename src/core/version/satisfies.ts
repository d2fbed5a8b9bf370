import { normalizeVersion } from './normalize-version.js';
import { parseConstraints } from './parse-constraints.js';

/** Whether a version as written ("v1.2.3", "2.4.x-dev") meets a constraint, like Composer\Semver\Semver::satisfies. */
export function satisfies(version: string, constraint: string): boolean {
  const normalized = normalizeVersion(version);
  return parseConstraints(constraint).matches(normalized);
}
