import { Answers } from '../answers.js';
import { normalizeVersion } from './normalize-version.js';
import { parseConstraints } from './parse-constraints.js';

// Release checks ask the same questions for every tag.
const answers = new Answers<boolean>(50_000);

/** Whether a version as written ("v1.2.3", "2.4.x-dev") meets a constraint, like Composer\Semver\Semver::satisfies. */
export function satisfies(version: string, constraint: string): boolean {
  return answers.get(`${version}\0${constraint}`, () => {
    // The version first: an invalid one is the error Composer reports, whatever the constraint.
    const normalized = normalizeVersion(version);
    return parseConstraints(constraint).matches(normalized);
  });
}
