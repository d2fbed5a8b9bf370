import { MultiConstraint, anyOf, type Constraint } from './constraint.js';
import { parseConstraint } from './parse-constraint.js';
import { SPACE, phpTrim } from './pcre.js';

const OR = new RegExp(`${SPACE}*\\|\\|?${SPACE}*`);
// A comma or space joins ANDed parts, except around hyphen ranges ("1 - 2"), operators (">= 1") and "as".
const AND = /(?<!^|as|[=>< ,]) *(?<!-)[, ](?!-) *(?!,|as|\n?$)/;

/**
 * A constraint string as a tree, like VersionParser::parseConstraints: "||" (or "|") separates alternatives,
 * "," or a space separates parts that must all hold.
 */
export function parseConstraints(constraints: string): Constraint {
  const alternatives = phpTrim(constraints)
    .split(OR)
    .map((alternative) => {
      const parts = alternative.split(AND).flatMap((part) => parseConstraint(part));
      const [only] = parts;
      return parts.length === 1 && only !== undefined ? only : new MultiConstraint(parts, true);
    });
  return anyOf(alternatives);
}
