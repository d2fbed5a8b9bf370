import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { StatusDocument } from '../../../src/core/status/status-document.js';
import { statusPage } from '../../../src/core/web/status-page.js';
import { nightBefore, sampleNight, sampleStatusDocument } from '../../support/status-sample.js';

/** The tags the page itself writes; anything else in it came from outside data that was not escaped. */
const OWN_TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'h3', 'p', 'code', 'section', 'dl', 'dt', 'dd', 'div', 'svg', 'line', 'text', 'a', 'rect', 'span', 'b', 'details', 'summary', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'li', 'pre', 'footer']);

const OWN_ATTRIBUTES = new Set(['html', 'lang', 'charset', 'name', 'content', 'class', 'id', 'open', 'style', 'href', 'title', 'xmlns', 'width', 'height', 'viewBox', 'role', 'aria-label', 'font-family', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'rx', 'stroke', 'stroke-dasharray', 'fill', 'text-anchor', 'font-size']);

/** Every tag of the page, read strictly: a `<` that does not open a well-formed tag is a failure. */
function tagsOf(html: string): Array<{ name: string; attributes: string[] }> {
  const tags: Array<{ name: string; attributes: string[] }> = [];
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    const tag = html.slice(at, html.indexOf('>', at) + 1);
    const match = /^<\/?([!a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"<>]*")?)*)\s*\/?>$/.exec(tag);
    assert.ok(match !== null, `a well-formed tag at ${at}: ${tag.slice(0, 60)}`);
    tags.push({ name: (match[1] as string).toLowerCase(), attributes: [...(match[2] as string).matchAll(/\s+([\w:-]+)(?:="[^"]*")?/g)].map((m) => m[1] as string) });
  }
  return tags;
}

/** The text of the page's section for one night. */
function nightHtml(html: string, night: string): string {
  const start = html.indexOf(`<details class="night" id="night-${night}"`);
  assert.ok(start >= 0, `a section for ${night}`);
  const end = html.indexOf('<details class="night"', start + 1);
  return html.slice(start, end < 0 ? undefined : end);
}

describe('status.html', () => {
  const document = sampleStatusDocument();
  const html = statusPage(document);

  it('says first, in words and colour, whether the nightly is installable, since when and which night is served', () => {
    const banner = html.slice(html.indexOf('<section class="banner'), html.indexOf('</section>'));
    assert.match(banner, /^<section class="banner failing">/);
    assert.match(banner, /The newest night failed/);
    assert.match(banner, /<dt>served night<\/dt><dd>2026-12-06<\/dd><dt>installable since<\/dt><dd>2026-12-03<\/dd><dt>newest night<\/dt><dd>2026-12-07 \(failed\)<\/dd>/);
    assert.ok(html.indexOf('class="banner') < html.indexOf('<h2>History'), 'the verdict comes before the history');
    const installable = statusPage({ ...document, nights: document.nights.slice(1) });
    assert.match(installable, /<section class="banner installable"><p class="state">✓ The nightly is installable/);
    const none = statusPage({ ...document, served: null, nights: [] });
    assert.match(none, /<section class="banner none"><p class="state">– No nightly is published<\/p><p>No nightly has been published yet\.<\/p>/);
    assert.match(none, /No night has run yet/);
  });

  it('shows every night newest first, the newest one open, with result, publication, duration and packages built and reused', () => {
    const order = [...html.matchAll(/<details class="night" id="night-([\d-]+)"/g)].map((m) => m[1]);
    assert.deepEqual(order, document.nights.map((n) => n.night));
    assert.match(html, /<details class="night" id="night-2026-12-07" open>/);
    assert.match(html, /<details class="night" id="night-2026-12-06">/);
    const summaryText = (night: string) => (/<summary>(.*?)<\/summary>/.exec(nightHtml(html, night))?.[1] ?? '').replace(/<[^>]*>/g, '');
    assert.equal(summaryText('2026-12-07'), '2026-12-07 ✕ failed not published · 9 min · 3 built, 409 reused · started 2026-12-07 02:00 UTC');
    assert.equal(summaryText('2026-12-06'), '2026-12-06 ✓ published 17 min 8 s · 4 built, 408 reused · started 2026-12-06 02:00 UTC');
    assert.match(summaryText('2026-12-05'), /^2026-12-05 = unchanged nothing new to publish · /);
    assert.match(nightHtml(html, '2026-12-07'), /<span class="pill" style="background:#c62828">✕ failed<\/span>/);
  });

  it('names each source with its branch, short commit (full one in the title) and commit date', () => {
    const night = nightHtml(html, '2026-12-06');
    const source = document.nights[1]?.sources[0];
    assert.ok(source !== undefined);
    assert.ok(night.includes(`<tr><td>magento2</td><td><code>2.4-develop</code></td><td><code title="${source.commit}">${source.commit.slice(0, 10)}</code></td><td>2026-12-05 22:11 UTC</td></tr>`));
  });

  it('lists what changed: packages with new content and commit subjects per source, capped with "and N more"', () => {
    const night = nightHtml(html, '2026-12-06');
    assert.match(night, /Packages with new content \(43\):<\/p><ul class="names"><li><code>magento\/module-catalog<\/code><\/li><li><code>magento\/module-checkout<\/code><\/li><li class="k">and 41 more<\/li><\/ul>/);
    assert.match(night, /<b>magento2<\/b> <span class="k">26 commit\(s\) on 2\.4-develop<\/span>/);
    assert.match(night, /<li>Update dependencies: laminas\/laminas-http 2\.19<\/li><li class="k">and 23 more<\/li>/);
    assert.doesNotMatch(night, /magento-composer-installer<\/b>/, 'a source without commits has no list');
    const many = sampleNight('2026-12-07', 'published');
    many.sources[0] = { ...(many.sources[0] as (typeof many.sources)[0]), changes: Array.from({ length: 40 }, (_, i) => `commit ${i}`), moreChanges: 5 };
    const capped = statusPage({ ...document, nights: [many] });
    assert.match(capped, /<li>commit 14<\/li><li class="k">and 30 more<\/li>/, 'the page shows 15 and counts the rest');
    assert.match(capped, /45 commit\(s\)/);
    assert.match(nightHtml(html, '2026-12-05'), /No package has new content/);
  });

  it('gives each check its result, duration and summary, and its log excerpt in a <details>', () => {
    const night = nightHtml(html, '2026-12-07');
    assert.match(night, /<li><span class="ok"><b>build<\/b> passed<\/span> <span class="k">7 min<\/span><\/li>/);
    assert.match(night, /<li><span class="bad"><b>install<\/b> failed<\/span> <span class="k">1 min 1 s<\/span> — composer create-project exited with 2<details class="log"><summary>log excerpt<\/summary><pre>Your requirements could not be resolved/);
    assert.match(nightHtml(html, '2026-12-02'), /<p class="bad"><code>ERR_COMPOSER_JSON_INVALID<\/code> app\/code\/Magento\/Sales\/composer\.json is not valid JSON/);
    assert.match(nightHtml(html, '2026-12-05'), /<span class="k"><b>build<\/b> skipped<\/span> — no source changed/);
  });

  it('draws the history as inline SVG: a bar per night, oldest first, coloured by result, linked to its night', () => {
    const svg = html.slice(html.indexOf('<svg class="chart"'), html.indexOf('</svg>'));
    const links = [...svg.matchAll(/<a href="#night-([\d-]+)"><title>([^<]+)<\/title><rect [^>]*fill="(#[0-9a-f]+)"/g)].map((m) => [m[1], m[2], m[3]]);
    assert.equal(links.length, 14);
    assert.deepEqual(links[0], ['2026-11-24', '2026-11-24: published, 14 min 5 s', '#1a7f37']);
    assert.deepEqual(links[13], ['2026-12-07', '2026-12-07: failed, 9 min', '#c62828']);
    assert.deepEqual(links[11], ['2026-12-05', '2026-12-05: unchanged, 1 min 37 s', '#8c959f']);
    const heights = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="22" height="(\d+)"/g)].map((m) => Number(m[1]));
    assert.equal(Math.max(...heights), 110, 'the longest night is full height');
    assert.equal(heights[11], Math.round((95_000 + 2000) / 1_028_000 * 110), 'height is proportional to duration');
  });

  it('is made of its own tags and attributes only', () => {
    const tags = tagsOf(html);
    assert.deepEqual(tags.filter((t) => !OWN_TAGS.has(t.name)), []);
    assert.deepEqual(tags.flatMap((t) => t.attributes).filter((a) => !OWN_ATTRIBUTES.has(a)), []);
  });

  it('charts the newest 31 nights of a longer history and lists them all', () => {
    const nights = Array.from({ length: 40 }, (_, i) => sampleNight(nightBefore(i), 'published'));
    const long = statusPage({ ...document, served: nightBefore(0), nights });
    const charted = [...long.matchAll(/<a href="#night-([\d-]+)">/g)].map((m) => m[1]);
    assert.equal(charted.length, 31);
    assert.deepEqual([charted[0], charted[30]], [nightBefore(30), nightBefore(0)]);
    assert.equal((long.match(/<details class="night"/g) ?? []).length, 40);
  });

  it('needs nothing from outside: no script, no stylesheet or image link, nothing fetched; the same document gives the same bytes', () => {
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|src=|url\(/i);
    assert.deepEqual([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]).filter((h) => !h?.startsWith('#night-')), ['status.json', 'badge.svg']);
    assert.equal(statusPage(sampleStatusDocument()), html);
  });

  it('escapes every piece of outside data: hostile names, branches, subjects, logs and URLs stay text (property)', () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' onmouseover='x", '</pre></details><iframe>', '&lt;b&gt;', '<svg onload=alert(1)>', ']]><!--'),
    );
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 12, maxLength: 12 }), (s) => {
        const night = sampleNight('2026-12-07', 'failed', {
          startedAt: s[0] as string,
          sources: [{ name: s[1] as string, branch: s[2] as string, commit: s[3] as string, commitDate: s[4] as string, changes: [s[5] as string] }],
          packages: { built: 1, reused: 2, changed: [s[6] as string] },
          checks: [{ name: 'install', result: 'failed', summary: s[7] as string, excerpt: s[8] as string }],
          error: { code: s[9] as string, message: s[10] as string },
        });
        const document: StatusDocument = { schemaVersion: 1, repository: s[11] as string, served: null, nights: [night] };
        const page = statusPage(document);
        const tags = tagsOf(page);
        assert.deepEqual(tags.filter((t) => !OWN_TAGS.has(t.name)), [], "only the page's own tags");
        assert.deepEqual(tags.flatMap((t) => t.attributes).filter((a) => !OWN_ATTRIBUTES.has(a)), [], "only the page's own attributes");
        for (const text of s) if (text.length > 0) assert.ok(page.includes(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').slice(0, 10)), `escaped: ${text}`);
      }),
      { numRuns: 300 },
    );
  });
});
