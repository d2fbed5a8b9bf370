import { normalizeVersion } from './normalize-version.js';
import { parseConstraints } from './parse-constraints.js';

// Release checks ask the same questions for every tag; answers are remembered (the memory starts over past this).
const MAX_REMEMBERED = 50_000;
const answers = new Map<string, boolean>();

/** Whether a version as written ("v1.2.3", "2.4.x-dev") meets a constraint, like Composer\Semver\Semver::satisfies. */
export function satisfies(version: string, constraint: string): boolean {
  const question = `${version}\0${constraint}`;
  let answer = answers.get(question);
  if (answer === undefined) {
    const normalized = normalizeVersion(version);
    answer = parseConstraints(constraint).matches(normalized);
    if (answers.size >= MAX_REMEMBERED) answers.clear();
    answers.set(question, answer);
  }
  return answer;
}
