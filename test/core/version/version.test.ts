import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMageosError } from '../../../src/core/errors.js';
import {
  MatchAllConstraint,
  MultiConstraint,
  VersionConstraint,
  compareVersions,
  isValidVersion,
  normalizeVersion,
  parseConstraints,
  parseStability,
  rsortVersions,
  satisfies,
  sortVersions,
} from '../../../src/core/version/index.js';

function expectNormalized(cases: Record<string, string>): void {
  for (const [input, expected] of Object.entries(cases)) assert.equal(normalizeVersion(input), expected, input);
}

function expectParsed(cases: Record<string, string>): void {
  for (const [input, expected] of Object.entries(cases)) assert.equal(String(parseConstraints(input)), expected, input);
}

function expectInvalid(run: () => unknown, message: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(isMageosError(error));
    assert.equal(error.code, 'ERR_VERSION_INVALID');
    assert.equal(error.message, message);
    assert.ok(error.hint);
    return true;
  });
}

describe('normalizeVersion', () => {
  it('pads a version to four numbers and drops a leading v', () => {
    expectNormalized({ '1': '1.0.0.0', '1.0': '1.0.0.0', '1.2.3': '1.2.3.0', '1.2.3.4': '1.2.3.4', 'v1.2.3': '1.2.3.0', 'V1.0': '1.0.0.0' });
  });

  it('keeps numbers as written, leading zeros included', () => {
    expectNormalized({ '01.02': '01.02.0.0', '10.0.100': '10.0.100.0' });
  });

  it('writes stability words in their long form, with their numbers', () => {
    expectNormalized({
      '1.0.0-beta2': '1.0.0.0-beta2',
      '1.0.0RC1': '1.0.0.0-RC1',
      '1.0.0-rc.1': '1.0.0.0-RC1',
      '1.0a1': '1.0.0.0-alpha1',
      '1.0b': '1.0.0.0-beta',
      'v2.4.6-p1': '2.4.6.0-patch1',
      '2.4.6-pl2': '2.4.6.0-patch2',
      '1.0.0-patch.1': '1.0.0.0-patch1',
      '1.0.0_alpha.1.2': '1.0.0.0-alpha1.2',
    });
  });

  it('drops a lower-case "stable" but keeps other spellings, as Composer does', () => {
    expectNormalized({ '1.0-stable': '1.0.0.0', '1.0-stable-dev': '1.0.0.0', '1.0-STABLE': '1.0.0.0-stable' });
  });

  it('keeps a -dev suffix', () => {
    expectNormalized({ '1.0.0-dev': '1.0.0.0-dev', '1.0.0-beta1-dev': '1.0.0.0-beta1-dev', '1.0.0.dev': '1.0.0.0-dev' });
  });

  it('turns numeric branches into 9999999 versions and other branches into dev-names', () => {
    expectNormalized({
      '2.4.x-dev': '2.4.9999999.9999999-dev',
      '2.x-dev': '2.9999999.9999999.9999999-dev',
      '1.*-dev': '1.9999999.9999999.9999999-dev',
      'dev-main': 'dev-main',
      'DEV-Main': 'dev-Main',
      'dev-feature/foo': 'dev-feature/foo',
      master: 'dev-master',
      trunk: 'dev-trunk',
      default: 'dev-default',
    });
  });

  it('accepts date versions, with any separator turned into dots', () => {
    expectNormalized({
      '20100102': '20100102',
      '2010-01-02': '2010.01.02',
      '2010.01.02.10.20': '2010.01.02.10.20',
      '201001021030': '201001021030',
      '123456': '123456',
      '2010-01-02-beta': '2010.01.02-beta',
    });
  });

  it('ignores an alias target, a stability flag, build metadata and surrounding blanks', () => {
    expectNormalized({
      '1.0.0 as 2.0': '1.0.0.0',
      '1.0.0 as anything': '1.0.0.0',
      '1.0@dev': '1.0.0.0',
      '1.0.0+build': '1.0.0.0',
      '1.0.0-beta1+exp.sha': '1.0.0.0-beta1',
      ' 1.0\n': '1.0.0.0',
    });
  });

  it('rejects what Composer rejects, with its message and a hint', () => {
    expectInvalid(() => normalizeVersion('foo'), 'Invalid version string "foo"');
    expectInvalid(() => normalizeVersion(''), 'Invalid version string ""');
    expectInvalid(() => normalizeVersion('1.0.0.0.0'), 'Invalid version string "1.0.0.0.0"');
    expectInvalid(() => normalizeVersion('main'), 'Invalid version string "main"');
    expectInvalid(() => normalizeVersion('feature-dev'), 'Invalid version string "feature-dev"');
    expectInvalid(() => normalizeVersion('1.0 beta'), 'Invalid version string "1.0 beta"');
  });

  it('explains an alias whose source or target is not a version', () => {
    expectInvalid(
      () => normalizeVersion('foo as 1.0'),
      'Invalid version string "foo as 1.0" in "foo as 1.0", the alias source must be an exact version, if it is a branch name you should prefix it with dev-',
    );
    expectInvalid(
      () => normalizeVersion('bar', '1.0 as bar'),
      'Invalid version string "bar" in "1.0 as bar", the alias must be an exact version',
    );
  });
});

describe('isValidVersion', () => {
  it('says whether normalizeVersion accepts a string', () => {
    assert.equal(isValidVersion('1.2.3-p1'), true);
    assert.equal(isValidVersion('dev-anything'), true);
    assert.equal(isValidVersion('1.0-develop'), false);
    assert.equal(isValidVersion('latest'), false);
  });
});

describe('parseStability', () => {
  it('reads the stability from the suffix', () => {
    const cases: Record<string, string> = {
      '1.0.0': 'stable',
      '1.0.0-p1': 'stable',
      '1.0.0-dev': 'dev',
      '1.0.x-dev': 'dev',
      'dev-main': 'dev',
      'dev-main#abc': 'dev',
      '1.0.0-beta1-dev': 'dev',
      '1.0.0-beta2': 'beta',
      '1.0b1': 'beta',
      '1.0.0-alpha': 'alpha',
      '1.0.0-RC1': 'RC',
      '1.0.0-rc1': 'RC',
      '1.0.0-beta+build': 'beta',
    };
    for (const [input, expected] of Object.entries(cases)) assert.equal(parseStability(input), expected, input);
  });
});

describe('compareVersions', () => {
  it('orders dev < alpha < beta < RC < stable < patch, and numbers numerically', () => {
    const ascending = [
      'dev-main', '0.0.0.0-dev', '1.0.0.0-dev', '1.0.0.0-alpha1', '1.0.0.0-alpha2', '1.0.0.0-beta1', '1.0.0.0-RC1',
      '1.0.0.0', '1.0.0.0-patch1', '1.0.0.0-patch2', '1.0.0.1', '1.0.9999999.9999999-dev', '1.1.0.0-dev', '1.9.0.0',
      '1.10.0.0', '2.0.0.0',
    ];
    for (let i = 1; i < ascending.length; i++) {
      const [lower = '', higher = ''] = [ascending[i - 1], ascending[i]];
      assert.ok(compareVersions(lower, higher) < 0, `${lower} < ${higher}`);
      assert.ok(compareVersions(higher, lower) > 0, `${higher} > ${lower}`);
    }
  });

  it('finds equal versions equal, also when written with leading zeros', () => {
    assert.equal(compareVersions('1.0.0.0', '1.0.0.0'), 0);
    assert.equal(compareVersions('01.0.0.0', '1.0.0.0'), 0);
  });

  it('puts every branch below every numbered version and orders branches by name', () => {
    assert.ok(compareVersions('dev-zzz', '0.0.0.0-dev') < 0);
    assert.ok(compareVersions('dev-a', 'dev-b') < 0);
    assert.ok(compareVersions('dev-b', 'dev-a') > 0);
  });

  it('works as a sort comparator', () => {
    const sorted = ['2.0.0.0', '1.0.0.0-beta1', 'dev-main', '1.0.0.0', '1.10.0.0', '1.9.0.0'].sort(compareVersions);
    assert.deepEqual(sorted, ['dev-main', '1.0.0.0-beta1', '1.0.0.0', '1.9.0.0', '1.10.0.0', '2.0.0.0']);
  });
});

describe('parseConstraints', () => {
  it('reads ^ as "up to the next change of the left-most non-zero number"', () => {
    expectParsed({
      '^1.2.3': '[>= 1.2.3.0-dev < 2.0.0.0-dev]',
      '^0.3': '[>= 0.3.0.0-dev < 0.4.0.0-dev]',
      '^0.0.3': '[>= 0.0.3.0-dev < 0.0.4.0-dev]',
      '^1.0-beta': '[>= 1.0.0.0-beta < 2.0.0.0-dev]',
    });
  });

  it('reads ~ as "the last given number may grow"', () => {
    expectParsed({
      '~1': '[>= 1.0.0.0-dev < 2.0.0.0-dev]',
      '~1.2': '[>= 1.2.0.0-dev < 2.0.0.0-dev]',
      '~1.2.3': '[>= 1.2.3.0-dev < 1.3.0.0-dev]',
      '~1.2.x-dev': '[>= 1.2.9999999.9999999-dev < 1.3.0.0-dev]',
    });
  });

  it('reads wildcards and hyphen ranges', () => {
    expectParsed({
      '*': '*',
      'v*': '>= 0.0.0.0-dev',
      '1.2.*': '[>= 1.2.0.0-dev < 1.3.0.0-dev]',
      '1.x': '[>= 1.0.0.0-dev < 2.0.0.0-dev]',
      '0.*': '< 1.0.0.0-dev',
      '1.0 - 2.0': '[>= 1.0.0.0-dev < 2.1.0.0-dev]',
      '1.0 - 2': '[>= 1.0.0.0-dev < 3.0.0.0-dev]',
      '1.0.0 - 2.1.0': '[>= 1.0.0.0-dev <= 2.1.0.0]',
    });
  });

  it('reads comparison operators, putting < and >= bounds at the dev release', () => {
    expectParsed({
      '1.0': '== 1.0.0.0',
      '=1.0': '== 1.0.0.0',
      '==1.0': '== 1.0.0.0',
      '!=1.5': '!= 1.5.0.0',
      '<>1.5': '!= 1.5.0.0',
      '>1.0': '> 1.0.0.0',
      '<=2.0': '<= 2.0.0.0',
      '>=1.0': '>= 1.0.0.0-dev',
      '<2.0': '< 2.0.0.0-dev',
      '<2.0-beta1': '< 2.0.0.0-beta1',
      '>= 1.0': '>= 1.0.0.0-dev',
    });
  });

  it('joins with a comma or space as AND and with || or | as OR, merging touching ranges', () => {
    expectParsed({
      '>=1.0 <2.0': '[>= 1.0.0.0-dev < 2.0.0.0-dev]',
      '>=1.0,<2.0': '[>= 1.0.0.0-dev < 2.0.0.0-dev]',
      '^1.0 || ^2.0': '[>= 1.0.0.0-dev < 3.0.0.0-dev]',
      '^1.0 | ~3.0': '[[>= 1.0.0.0-dev < 2.0.0.0-dev] || [>= 3.0.0.0-dev < 4.0.0.0-dev]]',
      '^1.2 || ~2.0@beta, !=2.0.3': '[[>= 1.2.0.0-dev < 2.0.0.0-dev] || [>= 2.0.0.0-dev < 3.0.0.0-dev != 2.0.3.0]]',
    });
  });

  it('applies a stability flag only to inequalities, and reads a lone flag as *', () => {
    expectParsed({ '>=1.0@beta': '>= 1.0.0.0-beta', '1.0@dev': '== 1.0.0.0', '@dev': '*', '^1.0@dev': '[>= 1.0.0.0-dev < 2.0.0.0-dev]' });
  });

  it('matches the left-hand version of an alias, and branch names without their #ref', () => {
    expectParsed({
      '1.0.x-dev as 1.0.0': '== 1.0.9999999.9999999-dev',
      'dev-main': '== dev-main',
      'dev-main#abc123': '== dev-main',
      'foo-dev': '== dev-foo',
    });
  });

  it('builds a tree of VersionConstraint, MultiConstraint and MatchAllConstraint', () => {
    const tree = parseConstraints('>=1.0 <2.0 || 3.0');
    assert.ok(tree instanceof MultiConstraint);
    assert.equal(tree.conjunctive, false);
    const [range, exact] = tree.constraints;
    assert.ok(range instanceof MultiConstraint && range.conjunctive);
    assert.ok(exact instanceof VersionConstraint);
    assert.equal(exact.operator, '==');
    assert.equal(exact.version, '3.0.0.0');
    assert.ok(parseConstraints('*') instanceof MatchAllConstraint);
  });

  it('rejects what Composer rejects, with its message', () => {
    expectInvalid(() => parseConstraints('foo'), 'Could not parse version constraint foo: Invalid version string "foo"');
    expectInvalid(() => parseConstraints(''), 'Could not parse version constraint : Invalid version string ""');
    expectInvalid(() => parseConstraints('>='), 'Could not parse version constraint >=: Invalid version string ""');
    expectInvalid(
      () => parseConstraints('~>1.0'),
      'Could not parse version constraint ~>1.0: Invalid operator "~>", you probably meant to use the "~" operator',
    );
  });
});

describe('Constraint.matches', () => {
  it('takes normalized versions', () => {
    const range = parseConstraints('^2.4');
    assert.equal(range.matches('2.4.6.0-patch1'), true);
    assert.equal(range.matches('3.0.0.0-dev'), false);
  });
});

describe('satisfies', () => {
  it('normalizes the version first, then matches the constraint', () => {
    const yes: Array<[string, string]> = [
      ['1.2.3', '^1.0'],
      ['1.2.3', '~1.2'],
      ['v2.4.6-p1', '^2.4.6'],
      ['2.4.6-p1', '>2.4.6'],
      ['1.0.0-beta1', '>=1.0'],
      ['1.0.0-beta1', '^1.0@beta'],
      ['1.0.x-dev', '1.0.*'],
      ['2.4.x-dev', '^2.4'],
      ['1.5', '>=1.0 <2.0 || >=3.0'],
      ['dev-main', 'dev-main'],
      ['dev-main', '*'],
      ['dev-main', '!=1.0'],
      ['1.0.x-dev', '1.0.x-dev as 1.0.0'],
    ];
    const no: Array<[string, string]> = [
      ['2.0.0-beta1', '<2.0'],
      ['2.0.0', '^1.0'],
      ['0.4.0', '^0.3'],
      ['dev-main', '>=1.0'],
      ['dev-feature', 'dev-main'],
      ['1.0.0', '1.0.x-dev as 1.0.0'],
      ['2.5', '>=1.0 <2.0 || >=3.0'],
    ];
    for (const [version, constraint] of yes) assert.equal(satisfies(version, constraint), true, `${version} satisfies ${constraint}`);
    for (const [version, constraint] of no) assert.equal(satisfies(version, constraint), false, `${version} does not satisfy ${constraint}`);
  });

  it('throws for an invalid version or constraint', () => {
    expectInvalid(() => satisfies('latest', '*'), 'Invalid version string "latest"');
    expectInvalid(() => satisfies('1.0', '^foo'), 'Could not parse version constraint ^foo: Invalid version string "^foo"');
  });
});

describe('sortVersions and rsortVersions', () => {
  const versions = ['1.10.0', '1.9.0', '1.0.0-beta', '1.0.0', 'v1.0.0-RC1', '1.0.0-p1', '2.0.x-dev', 'dev-master', 'dev-feature'];
  const ascending = ['dev-feature', '1.0.0-beta', 'v1.0.0-RC1', '1.0.0', '1.0.0-p1', '1.9.0', '1.10.0', '2.0.x-dev', 'dev-master'];

  it('sorts versions as written, oldest first, with master as the newest', () => {
    assert.deepEqual(sortVersions(versions), ascending);
  });

  it('sorts newest first', () => {
    assert.deepEqual(rsortVersions(versions), [...ascending].reverse());
  });

  it('keeps the input order of equal versions and does not change its input', () => {
    const input = ['1.0', '2.0', '1.0.0'];
    assert.deepEqual(sortVersions(input), ['1.0', '1.0.0', '2.0']);
    assert.deepEqual(rsortVersions(input), ['2.0', '1.0', '1.0.0']);
    assert.deepEqual(input, ['1.0', '2.0', '1.0.0']);
  });

  it('throws for an invalid version', () => {
    expectInvalid(() => sortVersions(['1.0', 'nope']), 'Invalid version string "nope"');
  });
});
