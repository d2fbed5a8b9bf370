import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  compareVersions,
  normalizeVersion,
  parseConstraints,
  parseStability,
  rsortVersions,
  satisfies,
  sortVersions,
  type Constraint,
} from '../../../src/core/version/index.js';
import { isMageosError } from '../../../src/core/errors.js';
import { incrementDigits } from '../../../src/core/version/php-number.js';
import { phpVersionCompare } from '../../../src/core/version/php-version-compare.js';

const AUTOLOAD = '/usr/share/php/Composer/Semver/autoload.php';
const INSTALL = 'apt-get install -y php-cli php-composer-semver';

// Answers Composer\Semver gives for every input, in the same order as the input lists.
const PHP_SCRIPT = `<?php
require '${AUTOLOAD}';
use Composer\\Semver\\Comparator;
use Composer\\Semver\\Constraint\\Constraint;
use Composer\\Semver\\Semver;
use Composer\\Semver\\VersionParser;

$in = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
$parser = new VersionParser();
$fail = function (Throwable $e) { return ['error' => $e->getMessage(), 'class' => get_class($e)]; };
$out = ['normalize' => [], 'stability' => [], 'constraints' => [], 'matrix' => [], 'satisfies' => [], 'compare' => [],
  'sort' => [], 'versionCompare' => [], 'increment' => []];
foreach ($in['versions'] as $v) {
  try { $out['normalize'][] = $parser->normalize($v); } catch (Throwable $e) { $out['normalize'][] = $fail($e); }
  $out['stability'][] = VersionParser::parseStability($v);
}
$pool = array_map(function ($v) use ($parser) {
  try { return new Constraint('==', $parser->normalize($v)); } catch (Throwable $e) { return null; }
}, $in['pool']);
foreach ($in['constraints'] as $c) {
  try { $parsed = $parser->parseConstraints($c); } catch (Throwable $e) { $out['constraints'][] = $fail($e); $out['matrix'][] = ''; continue; }
  $out['constraints'][] = (string) $parsed;
  $row = '';
  foreach ($pool as $provider) { $row .= $provider === null ? 'E' : ($parsed->matches($provider) ? '1' : '0'); }
  $out['matrix'][] = $row;
}
foreach ($in['pairs'] as $pair) {
  try { $out['satisfies'][] = Semver::satisfies($pair[0], $pair[1]); } catch (Throwable $e) { $out['satisfies'][] = $fail($e); }
}
foreach ($in['normalized'] as $a) {
  $row = '';
  foreach ($in['normalized'] as $b) {
    $sign = (Comparator::lessThan($a, $b) ? '<' : '') . (Comparator::equalTo($a, $b) ? '=' : '') . (Comparator::greaterThan($a, $b) ? '>' : '');
    $row .= $sign === '' ? 'n' : (strlen($sign) > 1 ? '?' : $sign);
  }
  $out['compare'][] = $row;
}
foreach ($in['lists'] as $list) { $out['sort'][] = [Semver::sort($list), Semver::rsort($list)]; }
foreach ($in['raw'] as $pair) { $out['versionCompare'][] = version_compare($pair[0], $pair[1]); }
foreach ($in['digits'] as $d) { $out['increment'][] = (string) ($d + 1); }
echo json_encode($out, JSON_THROW_ON_ERROR);
`;

interface Failure {
  error: string;
  class: string;
}
type Outcome<T> = T | Failure;
interface ComposerAnswers {
  normalize: Array<Outcome<string>>;
  stability: string[];
  constraints: Array<Outcome<string>>;
  matrix: string[];
  satisfies: Array<Outcome<boolean>>;
  compare: string[];
  sort: Array<[string[], string[]]>;
  versionCompare: number[];
  increment: string[];
}

/** mulberry32: the same pseudo-random inputs on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(20240611);
const int = (below: number): number => Math.floor(next() * below);
const chance = (p: number): boolean => next() < p;
function pick<T>(items: readonly T[]): T {
  const item = items[int(items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
function times<T>(n: number, make: () => T): T[] {
  return Array.from({ length: n }, make);
}

const SMALL = ['0', '1', '2', '3', '1', '2', '0', '10'];
const ODD = ['00', '01', '007', '99999', '123456', '2010', '9223372036854775807', '99999999999999999999'];
const number = (): string => (chance(0.08) ? pick(ODD) : pick(SMALL));
const numbers = (count: number): string => times(count, number).join('.');
const WORDS = ['alpha', 'a', 'beta', 'b', 'RC', 'rc', 'patch', 'pl', 'p', 'stable', 'ALPHA', 'Beta', 'Stable', 'dev', 'pre', 'x', 'B'];
const SEPARATORS = ['', '-', '-', '-', '.', '_'];
const WORD_NUMBERS = ['', '', '1', '2', '10', '.1', '-1', '01', '1.2', '0', '1-2', '.'];
const DEV_SUFFIXES = ['', '', '', '-dev', '.dev', 'dev', '-DEV', '_dev'];
const FLAGS = ['dev', 'alpha', 'beta', 'RC', 'stable', 'BETA', 'rc', 'Dev', 'foo'];
const BRANCHES = [
  'dev-main', 'dev-master', 'dev-feature/foo', 'DEV-Foo', 'dev-1.0', 'dev-', 'dev-foo#abc123', 'master', 'trunk', 'default',
  'main', 'develop', 'foo-dev', 'feature/x-dev', 'dev-foo bar', 'Master', 'dev-2.4-develop', 'release-dev', '1.0-dev', 'dev',
];
const GARBAGE = '0123456789.-_+vxX*abdeprstlc @#~^<>=|,!\t\né€';

function modifier(): string {
  return `${pick(SEPARATORS)}${pick(WORDS)}${pick(WORD_NUMBERS)}${pick(DEV_SUFFIXES)}`;
}

function plainVersion(): string {
  const prefix = chance(0.15) ? pick(['v', 'V']) : '';
  return prefix + numbers(1 + int(chance(0.1) ? 5 : 4));
}

function devVersion(): string {
  const wildcard = pick(['x', 'x', '*', 'X']);
  const head = numbers(1 + int(3));
  return pick([`${head}.${wildcard}-dev`, `${head}.${wildcard}.dev`, `${head}-dev`, `${head}.${wildcard}`, `v${head}.${wildcard}-dev`,
    `${head}.${wildcard}.${wildcard}-dev`, `${head}.${wildcard}dev`, `${head}.${wildcard}-DEV`]);
}

function dateVersion(): string {
  const sep = (): string => pick(['', '', '-', '.', ':', '_']);
  const two = (): string => String(int(32)).padStart(2, '0');
  const parts = [pick(['2010', '2024', '1999', '201', '20100']), ...times(1 + int(6), two)];
  let text = parts.map((p, i) => (i === 0 ? p : sep() + p)).join('');
  if (chance(0.2)) text += sep() + String(int(1000));
  return (chance(0.1) ? 'v' : '') + text + (chance(0.3) ? modifier() : '');
}

function version(): string {
  const kind = int(100);
  if (kind < 30) return chance(0.5) ? plainVersion() : cleanVersion();
  if (kind < 55) return plainVersion() + modifier();
  if (kind < 63) return devVersion();
  if (kind < 70) return pick(BRANCHES);
  if (kind < 76) return dateVersion();
  if (kind < 80) return `${version()}+${pick(['build', '001', 'exp.sha.5114f85', 'a+b', '', 'x y'])}`;
  if (kind < 84) return `${version()}${pick([' as ', '  as  ', ' AS ', ' as'])}${version()}`;
  if (kind < 88) return `${version()}@${pick(FLAGS)}`;
  if (kind < 93) return pick([` ${version()}`, `${version()}\t`, `${version()}\n`, `\n${version()}`, `foo\n${version()}`,
    `${version()}\v`, `${version()}\f`, `\0${version()}`, `${version()} `, `${version()}\r\n`]);
  return times(1 + int(12), () => pick([...GARBAGE])).join('');
}

function smallVersion(): string {
  return pick([plainVersion, plainVersion, () => plainVersion() + modifier(), devVersion, () => pick(BRANCHES)])();
}

const OPERATORS = ['', '', '=', '==', '!=', '<>', '<', '<=', '>', '>=', '~', '^', '~', '^', '>=', '<'];
const ODD_OPERATORS = ['~>', '=>', '!', '>>', '<<', '=<', '~^', '^~'];
const WILDCARDS = ['*', 'x', 'X', 'v*', '*.*', 'x.x', '1.*', '1.2.*', '1.x', '1.2.x', '0.*', '0.0.*', 'v1.*', '1.*.*',
  '1.2.3.*', '01.*', '00.*', '0.x', '1.2.3.4.*', '*.1', '99999999999999999999.*', '1.99999999999999999999.x', '2.X', '3.0.*'];
const CLEAN_WORDS = ['alpha', 'beta', 'RC', 'patch', 'a', 'b', 'p', 'rc', 'dev', 'stable'];

/** A version Composer mostly accepts, built from the same few numbers so that constraints and versions meet. */
function cleanVersion(): string {
  const kind = int(100);
  const head = (): string => (chance(0.1) ? 'v' : '') + times(1 + int(4), () => pick(SMALL)).join('.');
  if (kind < 45) return head();
  if (kind < 75) return `${head()}${pick(['-', '-', '', '.'])}${pick(CLEAN_WORDS)}${pick(['', '', '1', '2', '.1'])}${pick(['', '', '', '-dev'])}`;
  if (kind < 85) return `${times(1 + int(3), () => pick(SMALL)).join('.')}.x-dev`;
  if (kind < 92) return pick(['dev-main', 'dev-master', 'dev-foo', 'master', 'dev-1.x', 'foo-dev', 'dev-feature/x', 'trunk']);
  return smallVersion();
}

/** Range, wildcard and comparison parts, mostly valid. */
function atom(): string {
  const kind = int(100);
  if (kind < 50) return `${pick(OPERATORS)}${chance(0.1) ? pick([' ', '  ', '\t']) : ''}${cleanVersion()}`;
  if (kind < 60) return pick(WILDCARDS);
  if (kind < 70) {
    const end = (): string => times(1 + int(4), () => pick(SMALL)).join('.') + (chance(0.2) ? `-${pick(CLEAN_WORDS)}${pick(['', '1'])}` : '');
    return `${end()}${chance(0.9) ? ' - ' : pick(['  -  ', ' -', '- ', '-'])}${end()}`;
  }
  if (kind < 80) return `${atom()}@${chance(0.8) ? pick(FLAGS.slice(0, 5)) : pick(FLAGS)}`;
  if (kind < 85) return `${cleanVersion()} as ${cleanVersion()}`;
  if (kind < 88) return pick(['dev-main#abc123', '1.0.x-dev#abc', '2.x-dev#1234', 'dev-foo#', '@dev', '@stable', '#abc', 'dev-main#v1.0 as 1.0.0']);
  if (kind < 97) return `${pick([...OPERATORS, ...ODD_OPERATORS])}${chance(0.2) ? pick([' ', '  ', '\t', '\n']) : ''}${smallVersion()}`;
  return times(1 + int(10), () => pick([...GARBAGE])).join('');
}

/** Touching ranges, which Composer joins into one ("^1.0 || ^2.0" is ">= 1.0.0.0-dev < 3.0.0.0-dev"). */
function touchingRanges(): string {
  const start = int(3);
  const form = pick(['^N', '~N.0', 'N.*', 'N.x', '~N', '^N.0 ', '>=N <N+1']);
  return times(2 + int(3), () => '')
    .map((_, i) => form.replace('N+1', String(start + i + 1)).replace(/N/g, String(start + i)))
    .join(pick(['||', ' || ', ' | ']));
}

function constraint(): string {
  if (chance(0.05)) return touchingRanges();
  const group = (): string => times(chance(0.6) ? 1 : 2 + int(2), atom).join(pick([' ', ',', ', ', ' ,', '  ', ' , ', ',,']));
  const text = times(chance(0.6) ? 1 : 2 + int(2), group).join(pick(['||', ' || ', '|', ' | ', '  ||  ', '|||']));
  return chance(0.05) ? pick([` ${text} `, `${text}\n`, `\t${text}`]) : text;
}

const versions = [...new Set(times(4500, version))];
const constraints = [...new Set(times(4000, constraint))];
const pool = [
  ...new Set([
    '0', '0.0.1', '0.1', '0.1.0-dev', '1.0', '1.0.0-dev', '1.0-alpha1', '1.0-beta', '1.0-RC1', '1.0.1', '1.1', '1.2.3',
    '2.0', '2.0-dev', '2.0.0-p1', '3.0.0-patch1', '10.0', '1.x-dev', '2.0.x-dev', 'dev-main', 'dev-master', 'dev-foo',
    '2010-01-02', '1.0.0.1', '01.0', ...times(120, cleanVersion), ...times(60, smallVersion),
  ]),
].filter((v) => tryNormalize(v) !== null);
const normalized = [...new Set(versions.map(tryNormalize).filter((v): v is string => v !== null))].slice(0, 320);
const pairs = times(3000, (): [string, string] => [chance(0.8) ? pick(pool) : pick(versions), chance(0.7) ? atom() : pick(constraints)]);
const RAW = ['1', '0', '10', '.', '-', '_', '+', '#', 'dev', 'alpha', 'a', 'b', 'beta', 'RC', 'rc', 'pl', 'p', 'patch', 'x', 'stable', ' ', 'é', 'ü1', '€a'];
const rawVersion = (): string => times(int(8), () => pick(RAW)).join('');
const raw = times(4000, () => [rawVersion(), rawVersion()] as [string, string]);
const digits = ['0', '9', '99', '007', '9223372036854775806', '9223372036854775807', '9223372036854775808', '18446744073709551616',
  '99999999999999999999', '123456789012345678901234567890', '99999999999999999999999999999999', '100000000000000000000'];
const sortable = versions.filter((v) => tryNormalize(v) !== null);
const lists = times(80, () => {
  // Composer leaves two different dev-* branches unordered, so a list holds at most one.
  const list = times(3 + int(14), () => pick(sortable));
  const branch = list.find((v) => isOtherBranch(v));
  return list.filter((v) => !isOtherBranch(v) || tryNormalize(v) === tryNormalize(branch ?? ''));
});

function tryNormalize(v: string): string | null {
  try {
    return normalizeVersion(v);
  } catch {
    return null;
  }
}

function isOtherBranch(v: string): boolean {
  const n = tryNormalize(v);
  return n !== null && n.startsWith('dev-') && !['dev-master', 'dev-default', 'dev-trunk'].includes(n);
}

function outcome<T>(run: () => T): Outcome<T> {
  try {
    return run();
  } catch (error) {
    if (isMageosError(error)) return { error: error.message, class: 'UnexpectedValueException' };
    return { error: String(error), class: error instanceof Error ? error.name : typeof error };
  }
}

function requireComposerSemver(): void {
  if (!existsSync(AUTOLOAD)) assert.fail(`Composer\\Semver is missing (${AUTOLOAD}); run \`${INSTALL}\``);
  try {
    execFileSync('php', ['--version'], { stdio: 'ignore' });
  } catch {
    assert.fail(`php is missing; run \`${INSTALL}\``);
  }
}

/** Fails with the first mismatches, each with its input, and how many there were. */
function expectNoMismatch(what: string, mismatches: string[]): void {
  if (mismatches.length === 0) return;
  const shown = mismatches.slice(0, 20).map((m) => `  ${m}`).join('\n');
  assert.fail(`${mismatches.length} ${what} differ from Composer\\Semver:\n${shown}`);
}

const show = (value: unknown): string => JSON.stringify(value);

describe('differential test against Composer\\Semver', () => {
  let composer: ComposerAnswers;
  let dir = '';

  before(() => {
    requireComposerSemver();
    dir = mkdtempSync(join(tmpdir(), 'semver-diff-'));
    writeFileSync(join(dir, 'semver.php'), PHP_SCRIPT);
    writeFileSync(join(dir, 'input.json'), JSON.stringify({ versions, constraints, pool, pairs, normalized, lists, raw, digits }));
    const output = execFileSync('php', [join(dir, 'semver.php'), join(dir, 'input.json')], {
      maxBuffer: 256 * 1024 * 1024,
      encoding: 'utf8',
    });
    composer = JSON.parse(output) as ComposerAnswers;
  });

  after(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it(`normalizes ${versions.length} version strings (or rejects them with the same message)`, () => {
    const mismatches: string[] = [];
    versions.forEach((v, i) => {
      const ours = outcome(() => normalizeVersion(v));
      if (show(ours) !== show(composer.normalize[i])) mismatches.push(`normalize(${show(v)}): composer ${show(composer.normalize[i])}, ours ${show(ours)}`);
    });
    expectNoMismatch('normalizations', mismatches);
  });

  it('reads the stability of the same strings', () => {
    const mismatches: string[] = [];
    versions.forEach((v, i) => {
      const ours = parseStability(v);
      if (ours !== composer.stability[i]) mismatches.push(`parseStability(${show(v)}): composer ${composer.stability[i]}, ours ${ours}`);
    });
    expectNoMismatch('stabilities', mismatches);
  });

  it(`parses ${constraints.length} constraints into the same tree (or rejects them with the same message)`, () => {
    const mismatches: string[] = [];
    constraints.forEach((c, i) => {
      const ours = outcome(() => String(parseConstraints(c)));
      if (show(ours) !== show(composer.constraints[i])) mismatches.push(`parseConstraints(${show(c)}): composer ${show(composer.constraints[i])}, ours ${show(ours)}`);
    });
    expectNoMismatch('constraints', mismatches);
  });

  it(`matches every valid constraint against ${pool.length} versions like Composer`, () => {
    const mismatches: string[] = [];
    const poolNormalized = pool.map((v) => normalizeVersion(v));
    constraints.forEach((c, i) => {
      const expected = composer.matrix[i] ?? '';
      if (expected === '') return;
      let parsed: Constraint;
      try {
        parsed = parseConstraints(c);
      } catch {
        return;
      }
      poolNormalized.forEach((v, j) => {
        const ours = parsed.matches(v) ? '1' : '0';
        if (ours !== expected.charAt(j)) mismatches.push(`satisfies(${show(pool[j])}, ${show(c)}): composer ${expected.charAt(j) === '1'}, ours ${ours === '1'}`);
      });
    });
    expectNoMismatch('matches', mismatches);
  });

  it(`answers satisfies() for ${pairs.length} version and constraint strings as written`, () => {
    const mismatches: string[] = [];
    pairs.forEach(([v, c], i) => {
      const ours = outcome(() => satisfies(v, c));
      if (show(ours) !== show(composer.satisfies[i])) mismatches.push(`satisfies(${show(v)}, ${show(c)}): composer ${show(composer.satisfies[i])}, ours ${show(ours)}`);
    });
    expectNoMismatch('satisfies answers', mismatches);
  });

  it(`orders ${normalized.length ** 2} pairs of normalized versions like Comparator`, () => {
    const mismatches: string[] = [];
    normalized.forEach((a, i) => {
      const row = composer.compare[i] ?? '';
      normalized.forEach((b, j) => {
        const ours = Math.sign(compareVersions(a, b));
        const expected = row.charAt(j);
        const agrees = expected === 'n' ? a.startsWith('dev-') && b.startsWith('dev-') && ours !== 0 : '<=>'.charAt(ours + 1) === expected;
        if (!agrees || ours !== -Math.sign(compareVersions(b, a))) mismatches.push(`compare(${show(a)}, ${show(b)}): composer ${expected}, ours ${ours}`);
      });
    });
    expectNoMismatch('comparisons', mismatches);
  });

  it(`sorts ${lists.length} lists like Semver::sort and Semver::rsort (up to the order of equal versions)`, () => {
    const mismatches: string[] = [];
    const key = (v: string): string => {
      const n = normalizeVersion(v);
      return ['dev-master', 'dev-default', 'dev-trunk'].includes(n) ? '9999999-dev' : n;
    };
    const sameOrder = (a: string[], b: readonly string[]): boolean =>
      a.length === b.length && a.every((v, i) => compareVersions(key(v), key(b[i] ?? '')) === 0) && show([...a].sort()) === show([...b].sort());
    lists.forEach((list, i) => {
      const [sorted = [], reversed = []] = composer.sort[i] ?? [];
      const ours = [sortVersions(list), rsortVersions(list)] as const;
      if (!sameOrder(ours[0], sorted)) mismatches.push(`sort(${show(list)}): composer ${show(sorted)}, ours ${show(ours[0])}`);
      if (!sameOrder(ours[1], reversed)) mismatches.push(`rsort(${show(list)}): composer ${show(reversed)}, ours ${show(ours[1])}`);
    });
    expectNoMismatch('sorts', mismatches);
  });

  it(`ports PHP's version_compare() for ${raw.length} arbitrary pairs`, () => {
    const mismatches: string[] = [];
    raw.forEach(([a, b], i) => {
      const ours = phpVersionCompare(a, b);
      if (ours !== composer.versionCompare[i]) mismatches.push(`version_compare(${show(a)}, ${show(b)}): php ${composer.versionCompare[i]}, ours ${ours}`);
    });
    expectNoMismatch('version_compare results', mismatches);
  });

  it('adds one to a string of digits like PHP, past PHP_INT_MAX as a float', () => {
    const mismatches = digits.flatMap((d, i) => (incrementDigits(d) === composer.increment[i] ? [] : [`${d} + 1: php ${composer.increment[i]}, ours ${incrementDigits(d)}`]));
    expectNoMismatch('increments', mismatches);
  });
});
