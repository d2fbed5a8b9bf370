import type { $ZodError } from 'zod/v4/core';
import { MageosError } from '../errors.js';
import { issueMessage } from './issue-messages.js';
import { Config } from './schema.js';

export interface ConfigProblem {
  path: string;
  message: string;
}

/** Formats a zod issue path as a JSON path: `$.sources[0].fixes[1].tag`. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    const name = String(key);
    return /^[A-Za-z_$][\w$]*$/.test(name) ? `${text}.${name}` : `${text}[${JSON.stringify(name)}]`;
  }, '$');
}

/** Each problem of a failed zod parse with its JSON path and message (parsed with `issueMessage`). */
export function problemsOf(error: $ZodError): ConfigProblem[] {
  return error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
}

/** Validates a parsed config document; every problem is reported at once, each with its JSON path. */
export function parseConfig(raw: unknown, origin: string): Config {
  const result = Config.safeParse(raw, { error: issueMessage });
  if (result.success) return result.data;
  const problems = problemsOf(result.error);
  const lines = problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
  throw new MageosError('ERR_CONFIG_INVALID', `${origin} is not a valid configuration (${problems.length} problem(s)):\n${lines}`, {
    hint: 'Fix the fields named above; docs/configuration.md describes every field.',
    details: problems,
  });
}
