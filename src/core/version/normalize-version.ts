import { Answers } from '../answers.js';
import { invalidVersion } from './invalid-version.js';
import { ANY, END, NOT_SPACE, NOT_SPACE_OR_COMMA, asciiLower, phpTrim, quotePattern } from './pcre.js';
import { MODIFIER, STABILITY_FLAGS, expandStability } from './stability.js';

const ALIAS = new RegExp(`^(${NOT_SPACE_OR_COMMA}+) +as +(${NOT_SPACE_OR_COMMA}+)${END}`);
const FLAG = new RegExp(`@(?:${STABILITY_FLAGS})${END}`, 'i');
const BUILD = new RegExp(`^([^,+\\t\\n\\v\\f\\r ]+)\\+${NOT_SPACE}+${END}`);
const CLASSICAL = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}${END}`, 'i');
const DATE = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3})?)${MODIFIER}${END}`, 'i');
const DEV_SUFFIX = new RegExp(`(${ANY}*?)[.-]?dev${END}`, 'i');
const NUMERIC_BRANCH = new RegExp(`^v?(\\d+)(\\.(?:\\d+|[xX*]))?(\\.(?:\\d+|[xX*]))?(\\.(?:\\d+|[xX*]))?${END}`, 'i');
const SHORT_BRANCHES = new Set(['master', 'trunk', 'default']);
const normalized = new Answers<string>(20_000);

/**
 * The normalized form Composer compares and stores, like VersionParser::normalize:
 * "1.0" → "1.0.0.0", "v2.4.6-p1" → "2.4.6.0-patch1", "2.4.x-dev" → "2.4.9999999.9999999-dev", "master" → "dev-master".
 * `fullVersion` is the whole string the version came from, used only to explain an invalid alias.
 */
export function normalizeVersion(version: string, fullVersion?: string): string {
  // Only valid versions are remembered: an error names the full string it came from.
  return normalized.get(version, () => normalizeUncached(version, fullVersion));
}

function normalizeUncached(version: string, fullVersion?: string): string {
  const original = phpTrim(version);
  const full = fullVersion ?? original;
  let text = original;

  const alias = ALIAS.exec(text);
  if (alias?.[1] !== undefined) text = alias[1];
  const flag = FLAG.exec(text);
  if (flag) text = text.slice(0, text.length - flag[0].length);
  if (SHORT_BRANCHES.has(text)) text = `dev-${text}`;
  if (asciiLower(text.slice(0, 4)) === 'dev-') return `dev-${text.slice(4)}`;
  const build = BUILD.exec(text);
  if (build?.[1] !== undefined) text = build[1];

  const classical = CLASSICAL.exec(text);
  if (classical) {
    const [, major = '', minor, patch, build4, word, numbers, dev] = classical;
    return withModifier(`${major}${minor || '.0'}${patch || '.0'}${build4 || '.0'}`, word, numbers, dev);
  }
  const date = DATE.exec(text);
  if (date) {
    const [, stamp = '', word, numbers, dev] = date;
    return withModifier(stamp.replace(/\D/g, '.'), word, numbers, dev);
  }

  const devSuffix = DEV_SUFFIX.exec(text);
  if (devSuffix?.[1] !== undefined) {
    const branch = normalizeBranch(devSuffix[1]);
    // A name ending in -dev is only a version when it is numeric ("1.x-dev"); "foo-dev" must be written "dev-foo".
    if (!branch.includes('dev-')) return branch;
  }
  throw invalidVersion(`Invalid version string "${original}"${aliasExplanation(text, full)}`, original);
}

/** True when normalizeVersion accepts the string. */
export function isValidVersion(version: string): boolean {
  try {
    normalizeVersion(version);
    return true;
  } catch {
    return false;
  }
}

/** A branch name as a version: numeric branches become "1.2.9999999.9999999-dev", others "dev-name". */
export function normalizeBranch(name: string): string {
  const text = phpTrim(name);
  const numeric = NUMERIC_BRANCH.exec(text);
  if (!numeric) return `dev-${text}`;
  let version = '';
  for (let i = 1; i < 5; i++) version += numeric[i]?.replace(/[*X]/g, 'x') ?? '.x';
  return `${version.replace(/x/g, '9999999')}-dev`;
}

/** Stable versions stay bare; "stable" written in lower case is dropped, pre-releases get "-<word><numbers>". */
function withModifier(version: string, word?: string, numbers?: string, dev?: string): string {
  let result = version;
  if (word) {
    if (word === 'stable') return result;
    result += `-${expandStability(word)}${numbers ? numbers.replace(/^[.-]+/, '') : ''}`;
  }
  return dev ? `${result}-dev` : result;
}

function aliasExplanation(version: string, full: string): string {
  const quoted = quotePattern(version);
  const flags = `(?:@(?:${STABILITY_FLAGS}))?`;
  if (new RegExp(` +as +${quoted}${flags}${END}`).test(full)) {
    return ` in "${full}", the alias must be an exact version`;
  }
  if (new RegExp(`^${quoted}${flags} +as +`).test(full)) {
    return ` in "${full}", the alias source must be an exact version, if it is a branch name you should prefix it with dev-`;
  }
  return '';
}
