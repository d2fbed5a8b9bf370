// Checks a repository's index.html in a real headless Chromium (Debian's `chromium`), measures how fast it opens
// and filters, and saves screenshots to look at.
// Usage: node --import tsx scripts/check-index-page.ts [--repo <dir> | --packages <n>] [--out <dir for png>] [--chromium <path>]
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
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

// A reload can come without a first-contentful-paint entry (NaN): such a run is left out.
const median = (xs: number[]): number => {
  const known = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return known[Math.floor(known.length / 2)] ?? Number.NaN;
};
const ms = (x: number): string => (Number.isNaN(x) ? 'not reported' : `${Math.round(x)} ms`);

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

/** CPU time of the page's main thread for the current document so far, in ms: unlike wall time, it does not grow when other programs share the CPU. */
async function cpuTime(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? Number.NaN) * 1000;
}

/** A reload as the browser timed it: first contentful paint, DOMContentLoaded, and main-thread CPU time (counted per document). */
async function loadTimes(page: Page, cdp: CDPSession): Promise<{ paint: number; ready: number; cpu: number }> {
  await page.reload({ waitUntil: 'load' });
  const times: { paint: number; ready: number } = await page.evaluate(`({
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    ready: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
  })`);
  return { ...times, cpu: await cpuTime(cdp) };
}

/** Types the query one character at a time, then erases it: for each keystroke, input event to next frame, wall and CPU time. */
async function keystrokeTimes(page: Page, cdp: CDPSession, query: string): Promise<{ wall: number[]; cpu: number[] }> {
  const values = [...[...query].map((_, i) => query.slice(0, i + 1)), ...[...query].map((_, i) => query.slice(0, query.length - 1 - i))];
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const value of values) {
    const before = await cpuTime(cdp);
    wall.push(
      await page.evaluate(`(async () => {
        const f = document.getElementById('filter');
        const t = performance.now();
        f.value = ${JSON.stringify(value)};
        f.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
        return performance.now() - t;
      })()`),
    );
    cpu.push((await cpuTime(cdp)) - before);
  }
  return { wall, cpu };
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
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  const loads = [];
  for (let i = 0; i < 5; i++) loads.push(await loadTimes(page, cdp));
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

  // Words find a package whose name holds them joined (module-two-factor-auth), or else words of the first description.
  const names = await page.locator('details[data-name]').evaluateAll((ds) => ds.map((d) => d.getAttribute('data-name') ?? ''));
  const wanted = names.find((n) => n.includes('two-factor')) ?? (await first.getAttribute('data-name')) ?? '';
  const description = (await first.locator('.d').textContent()) ?? '';
  const words = wanted.includes('two-factor') ? 'two factor' : description.split(/\s+/).slice(0, 2).join(' ');
  await page.fill('#filter', words);
  const shown = await page.locator('details[data-name]:visible').evaluateAll((ds) => ds.map((d) => d.getAttribute('data-name')));
  assert.ok(shown.includes(wanted) && shown.length < total, `"${words}" finds ${wanted} and hides others (${shown.length} of ${total} shown)`);
  assert.equal(await page.textContent('#count'), `${shown.length} of ${total}`);
  await page.screenshot({ path: join(shots, 'index-filtered.png') });
  await page.fill('#filter', 'no-such-package-name');
  assert.equal(await page.locator('details[data-name]:visible').count(), 0);
  assert.equal(await page.locator('#none').textContent(), 'No package matches "no-such-package-name".');
  await page.screenshot({ path: join(shots, 'index-none.png') });
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('details[data-name]:visible').count(), total, 'Escape clears the filter');
  const keys = await keystrokeTimes(page, cdp, 'two factor');
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
  const spread = (xs: number[]) => `median ${ms(median(xs))}, slowest ${ms(Math.max(...xs))}`;
  console.log(`opening (median of ${loads.length} loads): first contentful paint ${ms(median(loads.map((l) => l.paint)))}, DOMContentLoaded ${ms(median(loads.map((l) => l.ready)))}; main-thread CPU ${ms(median(loads.map((l) => l.cpu)))}`);
  console.log(`per keystroke of "two factor" and back, input event to next frame: ${spread(keys.wall)}; main-thread CPU ${spread(keys.cpu)}`);
  console.log(`(load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs: wall times grow with it, CPU times much less)`);
  console.log(`checked: "${words}" finds ${wanted} (${shown.length} shown), filter by words with its count and "no package matches", "/" and Escape, keyboard copy, no external requests, complete list without JavaScript`);
  console.log(`screenshots in ${shots}: index.png, index-open.png, index-filtered.png, index-none.png, index-no-js.png`);
} finally {
  for (const c of contexts) await c.close();
  await server?.close();
  cleanUp();
}
