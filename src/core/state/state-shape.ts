// Checked by hand, not with zod: a mirror's state holds tens of thousands of records and is read at every build
// start; for an 18.6 MB state of 20,000 archives zod/mini took about 550 ms (JSON.parse 450 ms), these loops 70-100 ms.

/** Where a state document first differs from the shape a build reads, as "artifacts.x.sha1: expected ..."; null if none. */
export type ShapeProblem = string | null;

type Check = (value: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const SHA1 = /^[0-9a-f]{40}$/;

const SUMMARY: Record<string, [Check, string]> = {
  name: [isString, 'a string'],
  version: [isString, 'a string'],
  versionNormalized: [isString, 'a string'],
  kind: [(v) => v === 'package' || v === 'metapackage', '"package" or "metapackage"'],
  source: [isString, 'a string'],
  tag: [isString, 'a string'],
  commit: [isString, 'a string'],
  time: [(v) => v === null || isNumber(v), 'a number or null'],
  dir: [isString, 'a string'],
  key: [isString, 'a string'],
};
const OPTIONAL_SUMMARY: Record<string, [Check, string]> = { versionDownAllowed: [(v) => v === true, 'true'] };
const PUBLISHED: Record<string, [Check, string]> = {
  ...SUMMARY,
  file: [(v) => typeof v === 'string' && v.length > 0, 'a non-empty string'],
  sha1: [(v) => typeof v === 'string' && SHA1.test(v), 'a sha1 (40 hexadecimal digits)'],
  size: [(v) => Number.isSafeInteger(v) && (v as number) >= 0, 'a whole number of bytes'],
  composerJson: [isString, 'a string'],
};
const OPTIONAL_PUBLISHED: Record<string, [Check, string]> = { ...OPTIONAL_SUMMARY, origin: [(v) => v === 'archive', '"archive"'] };
const RELEASE: Record<string, [Check, string]> = { commit: [isString, 'a string'], rulesHash: [isString, 'a string'] };
const DIRECTORY: Record<string, [Check, string]> = { name: [isString, 'a string'], plan: [(v) => typeof v === 'string' && SHA1.test(v), 'a sha1 (40 hexadecimal digits)'] };
const RETIRED: Record<string, [Check, string]> = { file: [(v) => typeof v === 'string' && v.length > 0, 'a non-empty string'], since: [isNumber, 'a number'] };

function fields(value: unknown, at: string, required: Record<string, [Check, string]>, optional: Record<string, [Check, string]> = {}): ShapeProblem {
  if (!isObject(value)) return `${at}: expected an object`;
  for (const key in required) {
    const [check, expected] = required[key] as [Check, string];
    if (!check(value[key])) return `${at}.${key}: expected ${expected}`;
  }
  for (const key in optional) {
    const [check, expected] = optional[key] as [Check, string];
    if (value[key] !== undefined && !check(value[key])) return `${at}.${key}: expected ${expected}`;
  }
  return null;
}

function eachOf(value: unknown, at: string, item: (v: unknown, at: string) => ShapeProblem): ShapeProblem {
  if (!isObject(value)) return `${at}: expected an object`;
  for (const key in value) {
    const problem = item(value[key], `${at}.${key}`);
    if (problem !== null) return problem;
  }
  return null;
}

function strings(value: unknown, at: string): ShapeProblem {
  return Array.isArray(value) && value.every(isString) ? null : `${at}: expected a list of strings`;
}

function release(value: unknown, at: string): ShapeProblem {
  const problem = fields(value, at, RELEASE);
  if (problem !== null) return problem;
  const record = value as Record<string, unknown>;
  if (!Array.isArray(record.artifacts)) return `${at}.artifacts: expected a list`;
  for (const [i, a] of record.artifacts.entries()) {
    const found = fields(a, `${at}.artifacts.${i}`, SUMMARY, OPTIONAL_SUMMARY);
    if (found !== null) return found;
  }
  if (record.skipped !== undefined) {
    const problem = strings(record.skipped, `${at}.skipped`);
    if (problem !== null) return problem;
  }
  return record.directories === undefined ? null : eachOf(record.directories, `${at}.directories`, (d, where) => fields(d, where, DIRECTORY));
}

/** The first place where `raw` is not a build state of version 1 (the fields a build reads), or null. */
export function stateShapeProblem(raw: unknown): ShapeProblem {
  if (!isObject(raw)) return 'expected an object';
  const optional = (key: string, check: (v: unknown, at: string) => ShapeProblem) => (raw[key] === undefined ? null : check(raw[key], key));
  return (
    (isNumber(raw.stateVersion) ? null : 'stateVersion: expected a number') ??
    optional('format', (v, at) => (isString(v) ? null : `${at}: expected a string`)) ??
    optional('fingerprint', (v, at) => (v === null || isString(v) ? null : `${at}: expected a string or null`)) ??
    optional('artifacts', (v, at) => eachOf(v, at, (a, where) => fields(a, where, PUBLISHED, OPTIONAL_PUBLISHED))) ??
    optional('releases', (v, at) => eachOf(v, at, (source, where) => eachOf(source, where, release))) ??
    optional('metadata', (v, at) => fields(v, at, {}) ?? strings((v as Record<string, unknown>).published, `${at}.published`) ?? strings((v as Record<string, unknown>).retired, `${at}.retired`)) ??
    optional('retiredArchives', (v, at) => eachOf(v, at, (r, where) => fields(r, where, RETIRED)))
  );
}
