import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../src/adapters/http/static-server.js';
import { indexPage } from '../src/core/web/index-page.js';
import { sampleArtifacts } from './index-page-sample.js';
const work = mkdtempSync('/tmp/idxtmp/var-');
const base = indexPage(sampleArtifacts(2500), 'http://127.0.0.1:8080/', 'S');
const variants: Record<string, string> = {
  A: base,
  B_nocv: base.replace('content-visibility:auto;contain-intrinsic-size:auto 2rem', ''),
  C_noversions: base.replace(/<p class="meta">\d+ version\(s\):<\/p><ul class="versions">.*?<\/ul>/g, ''),
  D_noreq: base.replace(/<ul class="req">.*?<\/ul>/g, ''),
  E_summaryonly: base.replace(/<\/summary>.*?<\/details>/g, '</summary></details>'),
};
for (const [k, v] of Object.entries(variants)) { mkdirSync(join(work, k)); writeFileSync(join(work, k, 'index.html'), v); }
const server = await startStaticServer({ root: work, port: 0, log: () => {} });
const ctx = await chromium.launchPersistentContext(join(work, 'prof'), { executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1100, height: 900 }, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const page = ctx.pages()[0] ?? await ctx.newPage();
for (const k of Object.keys(variants)) {
  const dcl: number[] = []; let keys: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(`${server.url}${k}/`, { waitUntil: 'load' });
    dcl.push(await page.evaluate(`performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd`));
  }
  keys = await page.evaluate(`(async (q) => { const f = document.getElementById('filter'); const times = [];
    for (const value of ['t','tw','two','tw','t','', 'zz', '', 'cat', '']) { const t = performance.now(); f.value = value; f.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))); times.push(Math.round(performance.now() - t)); } return times; })()`);
  console.log(k, (variants[k]!.length / 1e6).toFixed(1), 'MB dcl', dcl.map(Math.round).join(','), 'keys', keys.join(' '));
}
await ctx.close(); await server.close(); rmSync(work, { recursive: true, force: true });
