/** Deeper than this, a JSON value is not package metadata: Composer's own documents stay below ten levels. */
export const MAX_JSON_DEPTH = 64;

/** Keys Composer reads as maps of package name → constraint. */
const LINK_KEYS = ['require', 'require-dev', 'replace', 'provide', 'conflict'];

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON type of a value, as a message names it. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Whether a parsed JSON value nests deeper than `limit` (counted without recursion, so any depth is safe to ask). */
export function jsonDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

function linkProblems(key: string, value: unknown): string[] {
  // PHP writes an empty map as [], and some repositories publish it so.
  if (Array.isArray(value) && value.length === 0) return [];
  if (!isObject(value)) return [`"${key}" is ${jsonType(value)}, not an object of package names and constraints`];
  return Object.entries(value)
    .filter(([, constraint]) => typeof constraint !== 'string')
    .map(([name, constraint]) => `"${key}" gives ${JSON.stringify(name)} ${jsonType(constraint)}, not a constraint`);
}

function distProblems(dist: unknown): string[] {
  if (dist === undefined || dist === null) return [];
  if (!isObject(dist)) return [`"dist" is ${jsonType(dist)}, not an object`];
  const problems: string[] = [];
  if (typeof dist.url !== 'string') problems.push(`"dist.url" is ${jsonType(dist.url)}, not a string`);
  if (dist.type !== undefined && typeof dist.type !== 'string') problems.push(`"dist.type" is ${jsonType(dist.type)}, not a string`);
  if (dist.shasum !== undefined && dist.shasum !== null && typeof dist.shasum !== 'string') problems.push(`"dist.shasum" is ${jsonType(dist.shasum)}, not a string`);
  return problems;
}

/**
 * What is wrong in the types (an entry too deep to read is left out before: see jsonDeeperThan) of one version's metadata entry, in the keys verify relies on; empty when
 * nothing is. A version with problems is still listed (with no dist when its dist is broken).
 */
export function entryTypeProblems(entry: Json): string[] {
  const problems: string[] = [];
  for (const key of ['name', 'version_normalized', 'type']) {
    if (entry[key] !== undefined && typeof entry[key] !== 'string') problems.push(`"${key}" is ${jsonType(entry[key])}, not a string`);
  }
  for (const key of LINK_KEYS) if (entry[key] !== undefined) problems.push(...linkProblems(key, entry[key]));
  problems.push(...distProblems(entry.dist));
  return problems;
}
