import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StatusSummary } from '../../../src/core/status/status-summary.js';
import { badgeMessage, statusBadge } from '../../../src/core/web/status-badge.js';

const summary = (state: StatusSummary['state'], served: string | null): StatusSummary => ({ state, served, installableSince: served, newest: null, sentence: '' });

const widthOf = (svg: string) => Number(/^<svg [^>]*width="(\d+)"/.exec(svg)?.[1]);

describe('badge.svg', () => {
  it('says "nightly | installable <served night>" in green, "failing" in red, "none" in grey', () => {
    const cases: Array<[StatusSummary, string, string]> = [
      [summary('installable', '2026-12-07'), 'installable 2026-12-07', '#4c1'],
      [summary('failing', '2026-12-06'), 'failing', '#e05d44'],
      [summary('none', null), 'none', '#9f9f9f'],
    ];
    for (const [s, message, colour] of cases) {
      const svg = statusBadge(s);
      assert.equal(badgeMessage(s), message);
      assert.ok(svg.includes(`aria-label="nightly: ${message}"`), svg);
      assert.ok(svg.includes(`<title>nightly: ${message}</title>`));
      assert.match(svg, new RegExp(`<rect x="\\d+" width="\\d+" height="20" fill="${colour}"/>`));
      assert.equal((svg.match(new RegExp(`>${message}</text>`, 'g')) ?? []).length, 2, 'the message with its shadow');
      assert.equal((svg.match(/>nightly<\/text>/g) ?? []).length, 2);
    }
  });

  it('is as wide as its text, the same summary giving the same bytes', () => {
    const long = statusBadge(summary('installable', '2026-12-07'));
    assert.ok(widthOf(long) > widthOf(statusBadge(summary('failing', '2026-12-06'))));
    assert.ok(widthOf(statusBadge(summary('failing', null))) > widthOf(statusBadge(summary('none', null))));
    assert.equal(statusBadge(summary('installable', '2026-12-07')), long);
    const [left, right] = [...long.matchAll(/<rect (?:x="(\d+)" )?width="(\d+)" height="20" fill="#(?:555|4c1)"\/>/g)].map((m) => Number(m[2]));
    assert.equal((left ?? 0) + (right ?? 0), widthOf(long), 'the two halves fill the badge');
    assert.match(long, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*>.*<\/svg>\n$/s);
  });
});
