// Checks a repository's index.html in a real headless Chromium (Debian's `chromium`) and saves screenshots.
// Usage: node --import tsx scripts/check-index-page.ts [--repo <dir>] [--out <dir for png>] [--chromium <path>]
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../src/adapters/http/static-server.js';
import { runDemo } from '../src/app/demo.js';

const { values } = parseArgs({
  options: {
    repo: { type: 'string' },
    out: { type: 'string', default: 'index-screenshots' },
    chromium: { type: 'string', default: process.env.CHROMIUM ?? '/usr/bin/chromium' },
  },
});

let repo = values.repo === undefined ? undefined : resolve(values.repo);
if (repo === undefined) {
  const work = mkdtempSync(join(tmpdir(), 'mageos-index-'));
  repo = join(work, 'repo');
  await runDemo({ outDir: repo, sourceDir: join(work, 'source') });
}
const shots = resolve(values.out);
mkdirSync(shots, { recursive: true });
const server = await startStaticServer({ root: repo, port: 0, log: () => {} });
const browser = await chromium.launch({
  executablePath: values.chromium,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url)) foreign.push(r.url());
  });
  await page.goto(server.url);
  const total = await page.locator('details[data-name]').count();
  assert.ok(total > 0, 'the index lists packages');
  await page.locator('details[data-name]').first().click();
  await page.screenshot({ path: join(shots, 'index.png'), fullPage: true });
  const first = (await page.locator('details[data-name]').first().getAttribute('data-name')) ?? '';
  await page.fill('#filter', first);
  const visible = await page.locator('details[data-name]:visible').count();
  assert.ok(visible >= 1 && visible < total, `filtering by "${first}" shows ${visible} of ${total}`);
  assert.equal(await page.textContent('#count'), String(visible));
  await page.screenshot({ path: join(shots, 'index-filtered.png'), fullPage: true });
  await page.fill('#filter', 'no-such-package-name');
  assert.equal(await page.locator('details[data-name]:visible').count(), 0);
  assert.deepEqual(foreign, [], 'no request leaves the repository');

  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noJs = await plain.newPage();
  await noJs.goto(server.url);
  assert.equal(await noJs.locator('details[data-name]:visible').count(), total, 'without JavaScript every package is listed');
  assert.equal(await noJs.locator('#filter').isVisible(), false, 'without JavaScript the filter box is hidden');
  await noJs.screenshot({ path: join(shots, 'index-no-js.png'), fullPage: true });
  console.log(`index.html of ${repo}: ${total} packages, filter ok (${visible} shown for "${first}"), no external requests, plain list without JavaScript`);
  console.log(`screenshots: ${join(shots, 'index.png')}, index-filtered.png, index-no-js.png`);
} finally {
  await browser.close();
  await server.close();
}
