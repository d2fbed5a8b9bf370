import { VersionConstraint, toOperator, type Constraint } from './constraint.js';
import { parseCaret, parseHyphenRange, parseTilde, parseWildcard, parseXRange } from './constraint-ranges.js';
import { invalidConstraint } from './invalid-version.js';
import { normalizeVersion } from './normalize-version.js';
import { ANY, END, NOT_SPACE_OR_COMMA, SPACE, asciiLower } from './pcre.js';
import { MODIFIER, STABILITY_FLAGS, parseStability } from './stability.js';

const ALIAS = new RegExp(`^(${NOT_SPACE_OR_COMMA}+) +as +(${NOT_SPACE_OR_COMMA}+)${END}`);
const FLAG = new RegExp(`^(${NOT_SPACE_OR_COMMA}*?)@(${STABILITY_FLAGS})${END}`, 'i');
const REFERENCE = new RegExp(`^(dev-[^,@\\t\\n\\v\\f\\r ]+?|[^,@\\t\\n\\v\\f\\r ]+?\\.x-dev)#${ANY}+${END}`, 'i');
const COMPARISON = new RegExp(`^(<>|!=|>=?|<=?|==?)?${SPACE}*(${ANY}*)`);
const HAS_MODIFIER = new RegExp(`-${MODIFIER}${END}`);
const BRANCH_LIKE = new RegExp(`^[0-9a-zA-Z\\-./]+${END}`);

/** One AND-part of a constraint, like VersionParser::parseConstraint: one or two comparisons. */
export function parseConstraint(input: string): Constraint[] {
  let constraint = input;
  // "1.0.x-dev as 1.0.0": the alias is for the solver; the requirement is the left-hand version.
  const alias = ALIAS.exec(constraint);
  if (alias?.[1] !== undefined) constraint = alias[1];
  let stabilityFlag: string | undefined;
  const flag = FLAG.exec(constraint);
  if (flag?.[1] !== undefined && flag[2] !== undefined) {
    constraint = flag[1] === '' ? '*' : flag[1];
    if (flag[2] !== 'stable') stabilityFlag = flag[2];
  }
  const reference = REFERENCE.exec(constraint);
  if (reference?.[1] !== undefined) constraint = reference[1];

  const range =
    parseWildcard(constraint) ??
    parseTilde(constraint) ??
    parseCaret(constraint) ??
    parseXRange(constraint) ??
    parseHyphenRange(constraint);
  if (range) return range;

  try {
    return [parseComparison(constraint, stabilityFlag)];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidConstraint(`Could not parse version constraint ${constraint}: ${reason}`, constraint, error);
  }
}

/** ">=1.0", "!=2.0-beta", "1.0.0", "dev-main": an operator (default "=") and a version. */
function parseComparison(constraint: string, stabilityFlag: string | undefined): VersionConstraint {
  const match = COMPARISON.exec(constraint);
  const operator = match?.[1] || '=';
  const text = match?.[2] ?? '';
  let version = normalizeComparedVersion(text);
  if (operator !== '==' && operator !== '=' && stabilityFlag && parseStability(version) === 'stable') {
    version += `-${stabilityFlag}`;
  } else if ((operator === '<' || operator === '>=') && !HAS_MODIFIER.test(asciiLower(text)) && !text.startsWith('dev-')) {
    // "<2.0" must exclude 2.0's pre-releases and ">=2.0" include them, so both bounds sit at 2.0's dev release.
    version += '-dev';
  }
  return new VersionConstraint(toOperator(operator), version);
}

/** A version, or "foo-dev" read as the branch "dev-foo". */
function normalizeComparedVersion(text: string): string {
  try {
    return normalizeVersion(text);
  } catch (error) {
    if (text.endsWith('-dev') && BRANCH_LIKE.test(text)) return normalizeVersion(`dev-${text.slice(0, -4)}`);
    throw error;
  }
}
