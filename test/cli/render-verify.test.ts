import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderIntegrity } from '../../src/cli/render-verify.js';
import { integrityPage } from '../../src/core/verify/report-page.js';
import type { IntegrityReport } from '../../src/core/verify/integrity-problem.js';

const report = (notChecked: string[]): IntegrityReport => ({
  repository: './repo',
  counts: { packages: 1, versions: 2, archives: 2, problems: 0 },
  problems: [],
  notChecked,
  durationMs: 30,
});

// Colours are on where CI or FORCE_COLOR is set.
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '').split('\n');

describe('the integrity summary (text and HTML)', () => {
  it('says after the verdict which requirements it did not check, naming the first five and the option that checks them', () => {
    const names = ['colinmollenhour/credis', 'guzzlehttp/guzzle', 'laminas/laminas-code', 'monolog/monolog', 'symfony/console', 'symfony/process'];
    const text = plain(renderIntegrity(report(names)));
    assert.equal(text[1], 'passed: no problems found');
    assert.equal(
      text[2],
      "not checked: requirements on 6 package(s) of vendors this repository serves nothing of (colinmollenhour/credis, guzzlehttp/guzzle, laminas/laminas-code, monolog/monolog, symfony/console, …); to check them: --vendor 'colinmollenhour/*'",
    );
  });

  it('has no such line when every requirement was checked', () => {
    assert.equal(plain(renderIntegrity(report([]))).length, 2);
  });

  it('the HTML report lists the names it did not check, and has no such section when there are none', () => {
    const html = integrityPage(report(['symfony/console', 'a/<b>']));
    assert.match(html, /Not checked.*requirements on 2 package\(s\)/);
    assert.ok(html.includes('<li>symfony/console</li>') && html.includes('<li>a/&lt;b&gt;</li>'));
    assert.doesNotMatch(integrityPage(report([])), /Not checked/);
  });
});
