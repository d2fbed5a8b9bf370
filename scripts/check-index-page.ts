// Checks a repository's index.html in a real headless Chromium (Debian's `chromium`), measures how fast it opens
// and filters, and saves screenshots to look at.
// Usage: node --import tsx scripts/check-index-page.ts [--repo <dir> | --packages <n>] [--out <dir for png>] [--chromium <path>]
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startStaticServer } from '../src/adapters/http/static-server.js';
import { runDemo } from '../src/app/demo.js';
import { indexPage } from '../src/core/web/index-page.js';
import { sampleArtifacts } from './index-page-sample.js';

const { values } = parseArgs({
  options: {
    repo: { type: 'string' },
    packages: { type: 'string' },
    out: { type: 'string', default: 'index-screenshots' },
    chromium: { type: 'string', default: process.env.CHROMIUM ?? '/usr/bin/chromium' },
  },
});
if (!existsSync(values.chromium)) {
  console.error(`check:index needs Chromium, and there is none at ${values.chromium}.`);
  console.error('Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`), or name another binary with --chromium <path> or CHROMIUM=<path>.');
  process.exit(2);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (x: number): string => `${Math.round(x)} ms`;

/** Opens the page in a fresh profile (and, without JavaScript, a second one) inside the work directory. */
async function open(work: string, name: string, javaScriptEnabled = true): Promise<BrowserContext> {
  return chromium.launchPersistentContext(join(work, name), {
    executablePath: values.chromium,
    headless: true,
    javaScriptEnabled,
    viewport: { width: 1100, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

// Code run in the page is written as text: this script is compiled without the DOM's types, and tsx would
// otherwise wrap its functions in a helper the page does not have.

/** First contentful paint and DOMContentLoaded of a fresh load, as the browser timed them. */
async function loadTimes(page: Page, url: string): Promise<{ paint: number; ready: number }> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(`({
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    ready: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
  })`);
}

/** Types the query one character at a time (then erases it): time from the input event to the next painted frame. */
async function keystrokeTimes(page: Page, query: string): Promise<number[]> {
  return page.evaluate(`(async (q) => {
    const f = document.getElementById('filter');
    const times = [];
    for (const value of [...[...q].map((_, i) => q.slice(0, i + 1)), ...[...q].map((_, i) => q.slice(0, q.length - 1 - i))]) {
      const t = performance.now();
      f.value = value;
      f.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
      times.push(performance.now() - t);
    }
    return times;
  })(${JSON.stringify(query)})`);
}

const inPage = <T>(page: Page, expression: string): Promise<T> => page.evaluate(expression);

const work = mkdtempSync(join(tmpdir(), 'mageos-index-'));
// Everything temporary (the demo's git cache, the browser's files) goes into the work directory, removed at the end.
process.env.TMPDIR = work;
const cleanUp = () => rmSync(work, { recursive: true, force: true });
process.once('SIGINT', () => {
  cleanUp();
  process.exit(130);
});
let server: Awaited<ReturnType<typeof startStaticServer>> | undefined;
const contexts: BrowserContext[] = [];
try {
  const repo = values.repo === undefined || values.packages !== undefined ? join(work, 'repo') : resolve(values.repo);
  if (values.packages !== undefined) {
    mkdirSync(repo, { recursive: true });
    writeFileSync(join(repo, 'index.html'), indexPage(sampleArtifacts(Number(values.packages)), 'http://127.0.0.1:8080/', 'Sample repository'));
  } else if (values.repo === undefined) {
    await runDemo({ outDir: repo, sourceDir: join(work, 'source') });
  }
  const shots = resolve(values.out);
  mkdirSync(shots, { recursive: true });
  server = await startStaticServer({ root: repo, port: 0, log: () => {} });
  const url = server.url;

  const context = await open(work, 'profile');
  contexts.push(context);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = context.pages()[0] ?? (await context.newPage());
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(url)) foreign.push(r.url());
  });
  const loads = [];
  for (let i = 0; i < 3; i++) loads.push(await loadTimes(page, url));
  const total = await page.locator('details[data-name]').count();
  assert.ok(total > 0, 'the index lists packages');
  await page.screenshot({ path: join(shots, 'index.png') });

  // Keyboard only: "/" reaches the filter, Tab then Enter opens the first package, Tab then Enter copies its line.
  await page.keyboard.press('/');
  assert.equal(await inPage(page, 'document.activeElement?.id'), 'filter', '"/" focuses the filter');
  const first = page.locator('details[data-name]').first();
  await first.locator('summary').focus();
  await page.keyboard.press('Enter');
  assert.equal(await first.getAttribute('open'), '', 'Enter opens a package');
  await page.keyboard.press('Tab');
  assert.equal(await inPage(page, 'document.activeElement?.className'), 'copy', 'Tab reaches its copy button');
  await page.keyboard.press('Enter');
  const line = (await first.locator('.cmd code').textContent()) ?? '';
  assert.match(line, /^composer (require|create-project) /);
  await page.waitForFunction(`document.getElementById('said')?.textContent === ${JSON.stringify(`Copied: ${line}`)}`);
  assert.equal(await inPage(page, 'navigator.clipboard.readText()'), line, 'the copy button copies the require line');
  await page.screenshot({ path: join(shots, 'index-open.png') });

  // Words of the description find a package whose name has them in another order or form.
  const name = (await first.getAttribute('data-name')) ?? '';
  const description = (await first.locator('.d').textContent()) ?? '';
  const words = description.toLowerCase().split(/\s+/).filter((w) => w.length > 2).slice(0, 2).join(' ') || name;
  await page.fill('#filter', words);
  const visible = await page.locator('details[data-name]:visible').count();
  assert.ok(visible >= 1, `"${words}" finds ${name}`);
  assert.equal(await page.textContent('#count'), String(visible));
  await page.screenshot({ path: join(shots, 'index-filtered.png') });
  await page.fill('#filter', 'no-such-package-name');
  assert.equal(await page.locator('details[data-name]:visible').count(), 0);
  assert.equal(await page.locator('#none').textContent(), 'No package matches "no-such-package-name".');
  await page.screenshot({ path: join(shots, 'index-none.png') });
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('details[data-name]:visible').count(), total, 'Escape clears the filter');
  const keys = await keystrokeTimes(page, 'two factor');
  assert.deepEqual(foreign, [], 'no request leaves the repository');

  const plain = await open(work, 'profile-no-js', false);
  contexts.push(plain);
  const noJs = plain.pages()[0] ?? (await plain.newPage());
  await noJs.goto(url);
  assert.equal(await noJs.locator('details[data-name]:visible').count(), total, 'without JavaScript every package is listed');
  assert.equal(await noJs.locator('#filter').isVisible(), false, 'without JavaScript the filter box is hidden');
  assert.equal(await noJs.locator('.cmd .copy').first().isVisible(), false, 'without JavaScript there are no copy buttons');
  await noJs.screenshot({ path: join(shots, 'index-no-js.png') });

  const size = statSync(join(repo, 'index.html')).size;
  console.log(`index.html of ${values.packages !== undefined ? `a ${values.packages}-package sample` : values.repo === undefined ? 'the demo repository' : repo}: ${total} packages, ${(size / 1e6).toFixed(1)} MB`);
  console.log(`first contentful paint ${ms(median(loads.map((l) => l.paint)))}, DOMContentLoaded ${ms(median(loads.map((l) => l.ready)))} (median of ${loads.length} loads)`);
  console.log(`per keystroke of "two factor" and back: median ${ms(median(keys))}, slowest ${ms(Math.max(...keys))} (input event to next frame)`);
  console.log('checked: filter by words with its count and "no package matches", "/" and Escape, keyboard copy, no external requests, complete list without JavaScript');
  console.log(`screenshots in ${shots}: index.png, index-open.png, index-filtered.png, index-none.png, index-no-js.png`);
} finally {
  for (const c of contexts) await c.close();
  await server?.close();
  cleanUp();
}
