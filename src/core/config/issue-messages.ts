import type { $ZodRawIssue } from 'zod/v4/core';
import { closestName } from './closest-name.js';

// zod/mini ships no English messages (every problem would read "Invalid input"): these say what was expected and
// what the config has instead, in the words of a config file. A check with its own message keeps it.

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  record: 'an object',
};

const MAX_SHOWN = 40;

/** How a config value reads in a message: `the number 3`, `"zip"`, `an array`. */
function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function oneOf(values: readonly unknown[]): string {
  const listed = values.map((v) => JSON.stringify(v)).join(', ');
  return values.length === 1 ? listed : `one of ${listed}`;
}

/** `expected X`, or `missing (expected X)` when the field is absent. */
function expectedGot(expected: string, input: unknown): string {
  return input === undefined ? `missing (expected ${expected})` : `expected ${expected}, got ${shown(input)}`;
}

function sizeMessage(issue: { origin: string; minimum?: number | bigint; maximum?: number | bigint }): string {
  const { origin, minimum, maximum } = issue;
  if (origin === 'string' && minimum === 1) return 'must not be empty';
  if (origin === 'array' && minimum === 1) return 'must list at least one entry';
  const unit = origin === 'string' ? ' character(s)' : origin === 'array' ? ' entries' : '';
  return minimum !== undefined ? `must have at least ${minimum}${unit}` : `must have at most ${maximum}${unit}`;
}

/** The fields an object schema allows (the schema that reported unknown ones). */
function knownFields(inst: unknown): string[] {
  const shape = (inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
  return shape === undefined ? [] : Object.keys(shape).filter((name) => name !== '$schema');
}

/** `"exlude" (did you mean "exclude"?)`, or just `"colour"` when no known field is close. */
function withSuggestion(key: string, known: readonly string[]): string {
  const meant = closestName(key, known);
  return meant === undefined ? JSON.stringify(key) : `${JSON.stringify(key)} (did you mean ${JSON.stringify(meant)}?)`;
}

/** The message of one schema problem (passed to zod as the parse's error map). */
export function issueMessage(issue: $ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return expectedGot(EXPECTED[issue.expected] ?? `a value of type ${issue.expected}`, issue.input);
    case 'invalid_value':
      return expectedGot(oneOf(issue.values), issue.input);
    case 'invalid_union': {
      const options = 'options' in issue ? (issue.options as unknown[] | undefined) : undefined;
      if (issue.discriminator !== undefined && options !== undefined) {
        const input = issue.input;
        const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
        return expectedGot(oneOf(options), value);
      }
      return `${shown(issue.input)} fits none of the allowed forms`;
    }
    case 'too_small':
      return sizeMessage({ origin: issue.origin, minimum: issue.minimum });
    case 'too_big':
      return sizeMessage({ origin: issue.origin, maximum: issue.maximum });
    case 'invalid_format':
      return issue.pattern !== undefined ? `expected a string matching ${issue.pattern}, got ${shown(issue.input)}` : `expected a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `unknown field(s) ${issue.keys.map((key) => withSuggestion(key, knownFields(issue.inst))).join(', ')}`;
    case 'invalid_key':
      return `a key of this object is not valid: ${shown(issue.input)}`;
    default:
      return `not valid: ${shown(issue.input)}`;
  }
}
