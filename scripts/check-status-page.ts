// Renders status.html and badge.svg of a sample nightly history (14 nights) or of a repository, checks them in a real
// headless Chromium (Debian's `chromium`) and saves screenshots to look at.
// Usage: node --import tsx scripts/check-status-page.ts [--repo <dir with status.json>] [--out <dir for png>] [--chromium <path>]
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { readStatus } from '../src/app/status/read-status.js';
import { writeStatusFiles } from '../src/app/status/write-status-files.js';
import { sampleStatusDocument } from '../test/support/status-sample.js';

const { values } = parseArgs({
  options: {
    repo: { type: 'string' },
    out: { type: 'string', default: 'status-screenshots' },
    chromium: { type: 'string', default: process.env.CHROMIUM ?? '/usr/bin/chromium' },
  },
});

let dir = values.repo === undefined ? undefined : resolve(values.repo);
if (dir === undefined) {
  dir = mkdtempSync(join(tmpdir(), 'mageos-status-'));
  writeFileSync(join(dir, 'status.json'), `${JSON.stringify(sampleStatusDocument(), null, 2)}\n`);
}
const { document: status, summary } = await readStatus(dir);
writeStatusFiles(dir, status);
const shots = resolve(values.out);
mkdirSync(shots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'mageos-chromium-'));
// A fresh profile each run; playwright gives it to Chromium as --user-data-dir.
const context = await chromium.launchPersistentContext(profile, {
  executablePath: values.chromium,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  javaScriptEnabled: false,
  viewport: { width: 1100, height: 900 },
});
try {
  const pageUrl = pathToFileURL(join(dir, 'status.html')).href;
  const foreign: string[] = [];
  context.on('request', (r) => {
    if (!r.url().startsWith('file:')) foreign.push(r.url());
  });
  const page = await context.newPage();
  await page.goto(pageUrl);
  assert.match((await page.textContent('.banner .state')) ?? '', summary.state === 'installable' ? /installable/ : summary.state === 'failing' ? /failed/ : /No nightly/);
  const nights = await page.locator('details.night').count();
  assert.equal(nights, status.nights.length, 'every night of status.json has its section');
  assert.equal(await page.locator('svg.chart rect').count(), status.nights.length, 'the chart has a bar per night');
  await page.screenshot({ path: join(shots, 'status.png'), fullPage: true });
  for (const section of await page.locator('details.night').all()) await section.evaluate((d) => d.setAttribute('open', ''));
  for (const log of await page.locator('details.log').all()) await log.evaluate((d) => d.setAttribute('open', ''));
  await page.screenshot({ path: join(shots, 'status-open.png'), fullPage: true });
  const sections = page.locator('details.night');
  for (let i = 0; i < Math.min(nights, 6); i++) await sections.nth(i).screenshot({ path: join(shots, `night-${i + 1}.png`) });
  await page.locator('svg.chart').screenshot({ path: join(shots, 'chart.png') });
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(pageUrl);
  const overflow = await phone.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
  assert.ok(overflow <= 0, `on a 390 px wide screen the page does not scroll sideways (it overflows by ${overflow} px)`);
  await phone.screenshot({ path: join(shots, 'status-phone.png'), fullPage: true });
  const badge = await context.newPage();
  await badge.setViewportSize({ width: 300, height: 40 });
  await badge.goto(pathToFileURL(join(dir, 'badge.svg')).href);
  await badge.screenshot({ path: join(shots, 'badge.png') });
  assert.deepEqual(foreign, [], 'no request leaves the directory');
  console.log(`status.html of ${dir}: ${nights} nights, "${summary.sentence}", no external requests, no JavaScript needed`);
  console.log(`screenshots: ${join(shots, 'status.png')}, status-open.png, night-<n>.png (the first nights opened), chart.png, status-phone.png, badge.png`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
