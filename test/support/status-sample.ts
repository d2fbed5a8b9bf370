import type { Night, StatusDocument } from '../../src/core/status/status-document.js';

/** The date `days` before 2026-12-07, as YYYY-MM-DD. */
export function nightBefore(days: number): string {
  return new Date(Date.UTC(2026, 11, 7 - days)).toISOString().slice(0, 10);
}

/** A night with everything filled in plainly; tests override what they are about. */
export function sampleNight(night: string, result: Night['result'], overrides: Partial<Night> = {}): Night {
  const failed = result === 'failed';
  return {
    night,
    startedAt: `${night}T02:00:00Z`,
    durationMs: 600_000,
    result,
    sources: [
      { name: 'magento2', branch: '2.4-develop', commit: `${night.replaceAll('-', '')}aa11bb22cc33dd44ee55ff66aa77bb88cc`, commitDate: `${night}T01:12:00+00:00`, changes: result === 'unchanged' ? [] : [`Fix cart totals on ${night}`] },
    ],
    packages: { built: result === 'unchanged' ? 0 : 2, reused: 410, changed: result === 'unchanged' ? [] : ['magento/module-checkout', 'magento/module-quote'] },
    checks: [
      { name: 'build', result: 'passed', durationMs: 420_000 },
      { name: 'integrity', result: 'passed', durationMs: 9_000 },
      failed
        ? { name: 'install', result: 'failed', summary: 'composer create-project exited with 2', excerpt: 'Your requirements could not be resolved to an installable set of packages.\n  Problem 1\n    - magento/module-quote 2.4.9.1-a20261207 requires magento/framework 103.0.9 -> not found', durationMs: 61_000 }
        : { name: 'install', result: 'passed', durationMs: 95_000 },
    ],
    ...overrides,
  };
}

const SUBJECTS = [
  'Merge pull request #39123 from magento-commerce/2.4-develop-prs',
  'AC-12345: Fix price rendering for configurable products with <special> options & "quotes"',
  'Update dependencies: laminas/laminas-http 2.19',
  'LYNX-401: GraphQL cart query returns applied coupons',
  'Remove obsolete setup:static-content:deploy option',
  'B2B-2992: Improve indexer performance for large catalogs',
];

/** 14 nights, newest first, as a nightly run might leave them: mostly published, some failed, some with no change. */
export function sampleStatusDocument(): StatusDocument {
  const results: Array<Night['result']> = ['failed', 'published', 'unchanged', 'published', 'published', 'failed', 'failed', 'published', 'unchanged', 'unchanged', 'published', 'published', 'failed', 'published'];
  const nights = results.map((result, i) => {
    const night = nightBefore(i);
    const subjects = result === 'unchanged' ? [] : SUBJECTS.slice(0, 2 + (i % 5));
    return sampleNight(night, result, {
      durationMs: result === 'unchanged' ? 95_000 + i * 1000 : 540_000 + ((i * 7919) % 9) * 61_000,
      sources: [
        { name: 'magento2', branch: '2.4-develop', commit: `${(0x9f3a1c + i * 4099).toString(16)}e1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d`, commitDate: `${nightBefore(i + 1)}T22:${String(10 + i).padStart(2, '0')}:41+00:00`, changes: subjects, ...(i === 1 ? { moreChanges: 23 } : {}) },
        { name: 'magento-composer-installer', branch: 'develop', commit: '5ab93e0c4d1f2e3a4b5c6d7e8f9a0b1c2d3e4f50', commitDate: '2026-10-02T09:00:00+00:00', changes: [] },
      ],
      packages: {
        built: result === 'unchanged' ? 0 : 3 + i,
        reused: 412 - (result === 'unchanged' ? 0 : 3 + i),
        changed: result === 'unchanged' ? [] : ['magento/module-catalog', 'magento/module-checkout', 'magento/framework', 'magento/module-quote'].slice(0, 1 + (i % 4)),
        ...(i === 1 ? { moreChanged: 41 } : {}),
      },
      ...(i === 5 ? { checks: [{ name: 'build', result: 'failed', summary: 'ERR_COMPOSER_JSON_INVALID', excerpt: 'app/code/Magento/Sales/composer.json is not valid JSON at line 12, column 5: unexpected "}"' }], error: { code: 'ERR_COMPOSER_JSON_INVALID', message: 'app/code/Magento/Sales/composer.json is not valid JSON at line 12, column 5: unexpected "}"' } } : {}),
      ...(result === 'unchanged' ? { checks: [{ name: 'build', result: 'skipped', summary: 'no source changed since the night served' }] } : {}),
    });
  });
  return { schemaVersion: 1, repository: 'https://upstream-nightly.mage-os.org/', served: nightBefore(1), nights };
}
