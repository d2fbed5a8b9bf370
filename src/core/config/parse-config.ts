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

/** The document of an "extends" chain that set the field at a JSON path: `$.sources[2].url` looks up `sources[2]`, then `sources`. */
function originAt(path: string, origins: ReadonlyMap<string, string>): string | undefined {
  const entry = /^\$\.(\w+)(\[\d+\])?/.exec(path);
  if (entry === null) return undefined;
  return origins.get(`${entry[1]}${entry[2] ?? ''}`) ?? origins.get(entry[1] as string);
}

/**
 * Validates a parsed config document; every problem is reported at once, each with its JSON path (and, for a
 * merged "extends" chain, the document that set the field).
 */
export function parseConfig(raw: unknown, origin: string, origins: ReadonlyMap<string, string> = new Map()): Config {
  const result = Config.safeParse(raw, { error: issueMessage });
  if (result.success) return result.data;
  const problems = problemsOf(result.error);
  const from = (path: string) => {
    const file = originAt(path, origins);
    return file === undefined ? '' : ` (from ${file})`;
  };
  const lines = problems.map((p) => `  ${p.path}: ${p.message}${from(p.path)}`).join('\n');
  throw new MageosError('ERR_CONFIG_INVALID', `${origin} is not a valid configuration (${problems.length} problem(s)):\n${lines}`, {
    hint: 'Fix the fields named above; docs/configuration.md describes every field.',
    details: problems,
  });
}
