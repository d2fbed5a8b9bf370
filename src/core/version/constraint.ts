import { isBranch } from './compare-versions.js';
import { phpVersionCompare } from './php-version-compare.js';

export type Operator = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** A parsed constraint: a tree of comparisons joined by AND/OR, as Composer's ConstraintInterface. */
export type Constraint = VersionConstraint | MultiConstraint | MatchAllConstraint;

const OPERATORS: Readonly<Record<string, Operator>> = {
  '=': '==',
  '==': '==',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

export function toOperator(text: string): Operator {
  const operator = OPERATORS[text];
  if (operator === undefined) throw new RangeError(`unknown constraint operator "${text}"`);
  return operator;
}

/** One comparison with a normalized version, "operator version". */
export class VersionConstraint {
  readonly kind = 'version';

  constructor(
    readonly operator: Operator,
    readonly version: string,
  ) {}

  /** Whether a normalized version passes; a branch passes only == and != against the exact same name. */
  matches(normalizedVersion: string): boolean {
    const anyBranch = isBranch(normalizedVersion) || isBranch(this.version);
    if (this.operator === '!=') {
      return anyBranch ? normalizedVersion !== this.version : phpVersionCompare(normalizedVersion, this.version) !== 0;
    }
    if (anyBranch) return this.operator === '==' && normalizedVersion === this.version;
    const order = phpVersionCompare(normalizedVersion, this.version);
    switch (this.operator) {
      case '==':
        return order === 0;
      case '<':
        return order < 0;
      case '<=':
        return order <= 0;
      case '>':
        return order > 0;
      case '>=':
        return order >= 0;
    }
  }

  toString(): string {
    return `${this.operator} ${this.version}`;
  }
}

/** Constraints that must all pass (conjunctive, "[a b]") or of which one must pass ("[a || b]"). */
export class MultiConstraint {
  readonly kind = 'multi';

  constructor(
    readonly constraints: readonly Constraint[],
    readonly conjunctive: boolean,
  ) {
    if (constraints.length < 2) throw new RangeError('a MultiConstraint needs at least two constraints');
  }

  matches(normalizedVersion: string): boolean {
    return this.conjunctive
      ? this.constraints.every((c) => c.matches(normalizedVersion))
      : this.constraints.some((c) => c.matches(normalizedVersion));
  }

  toString(): string {
    return `[${this.constraints.map(String).join(this.conjunctive ? ' ' : ' || ')}]`;
  }
}

/** "*": every version, branches included. */
export class MatchAllConstraint {
  readonly kind = 'all';

  matches(_normalizedVersion: string): boolean {
    return true;
  }

  toString(): string {
    return '*';
  }
}

/**
 * OR of the given constraints like MultiConstraint::create(…, false), which joins touching ranges
 * ("[>= 1 < 2] || [>= 2 < 3]" becomes "[>= 1 < 3]") and so also decides the printed form.
 */
export function anyOf(constraints: readonly Constraint[]): Constraint {
  const [first, ...others] = constraints;
  if (first === undefined) return new MatchAllConstraint();
  if (others.length === 0) return first;
  const merged: Constraint[] = [];
  let left = first;
  for (const right of others) {
    const joined = joinRanges(left, right);
    if (joined === null) {
      merged.push(left);
      left = right;
    } else {
      left = joined;
    }
  }
  merged.push(left);
  const [only] = merged;
  return merged.length === 1 && only !== undefined ? only : new MultiConstraint(merged, false);
}

/** ">= a < b" followed by ">= b < c" (compared as printed, like Composer) becomes ">= a < c". */
function joinRanges(left: Constraint, right: Constraint): MultiConstraint | null {
  if (!(left instanceof MultiConstraint && right instanceof MultiConstraint)) return null;
  if (!left.conjunctive || !right.conjunctive) return null;
  const [lowLeft, highLeft, ...moreLeft] = left.constraints;
  const [lowRight, highRight, ...moreRight] = right.constraints;
  if (!lowLeft || !highLeft || !lowRight || !highRight || moreLeft.length > 0 || moreRight.length > 0) return null;
  const [ll, hl, lr, hr] = [lowLeft, highLeft, lowRight, highRight].map(String) as [string, string, string, string];
  if (!ll.startsWith('>=') || !hl.startsWith('<') || !lr.startsWith('>=') || !hr.startsWith('<')) return null;
  if (hl.slice(2) !== lr.slice(3)) return null;
  return new MultiConstraint([lowLeft, highRight], true);
}
