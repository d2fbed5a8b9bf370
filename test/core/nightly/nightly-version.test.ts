import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { newestTag, nightlyVersion, nightStamp } from '../../../src/core/nightly/nightly-version.js';
import { compareVersions, normalizeVersion, parseStability } from '../../../src/core/version/index.js';

describe('nightly versions (the scheme of the Mage-OS upstream nightly)', () => {
  it('adds a fourth number 1, or counts the fourth up, then -a<date>, and a suffix after +', () => {
    assert.equal(nightlyVersion('100.4.7-p3', '20261207'), '100.4.7.1-a20261207+p3');
    assert.equal(nightlyVersion('103.0.8', '20261207'), '103.0.8.1-a20261207');
    assert.equal(nightlyVersion('2.4.7.1', '20261207'), '2.4.7.2-a20261207');
    assert.equal(nightlyVersion('0.0.1', '20261207'), '0.0.1.1-a20261207');
    assert.equal(nightlyVersion('2.4.8-beta1', '20261207'), '2.4.8.1-a20261207+beta1');
    assert.equal(nightlyVersion('1.0', '20261207'), '1.0.0.1-a20261207');
  });

  it('refuses a base that has no numbers to count on', () => {
    assert.throws(() => nightlyVersion('dev-main', '20261207'), /base version "dev-main"/);
    assert.throws(() => nightlyVersion('1.2.3.4.5', '20261207'), /base version/);
  });

  it('Composer reads it as alpha, above the base and below the next release, each night above the one before (property)', () => {
    const base = fc.tuple(fc.nat(300), fc.nat(30), fc.nat(30), fc.option(fc.constantFrom('p1', 'p3', 'beta1'), { nil: undefined }));
    const day = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(base, day, day, ([a, b, c, suffix], d1, d2) => {
        const release = `${a}.${b}.${c}${suffix === undefined ? '' : `-${suffix}`}`;
        const night = nightlyVersion(release, nightStamp(d1));
        assert.equal(parseStability(night), 'alpha');
        assert.ok(compareVersions(normalizeVersion(night), normalizeVersion(release)) > 0, `${night} > ${release}`);
        assert.ok(compareVersions(normalizeVersion(night), normalizeVersion(`${a}.${b}.${c + 1}`)) < 0, `${night} < next patch`);
        const other = nightlyVersion(release, nightStamp(d2));
        assert.equal(Math.sign(compareVersions(normalizeVersion(night), normalizeVersion(other))), Math.sign(d1.localeCompare(d2)));
      }),
      { numRuns: 500 },
    );
  });

  it('reads the night from YYYY-MM-DD and refuses anything else', () => {
    assert.equal(nightStamp('2026-12-07'), '20261207');
    for (const bad of ['2026-13-01', '2026-02-30', '20261207', 'today', '2026-1-7']) assert.throws(() => nightStamp(bad), /is not a date/, bad);
  });

  it('the base comes from the newest tag as Composer orders versions, ignoring v-tags and non-versions', () => {
    assert.equal(newestTag(['1.1.10', '1.1.2', 'v9.9.9', 'release-x', '1.1.9-p1']), '1.1.10');
    assert.equal(newestTag(['2.4.7-p1', '2.4.7', '2.4.8-beta1']), '2.4.8-beta1');
    assert.equal(newestTag(['v1.0.0', 'nightly']), null);
  });
});
