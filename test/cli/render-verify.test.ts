import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderIntegrity } from '../../src/cli/render-verify.js';
import { integrityPage } from '../../src/core/verify/report-page.js';
import type { IntegrityReport } from '../../src/core/verify/integrity-problem.js';
import type { RepositoryAccess } from '../../src/core/verify/repository-access.js';

const report = (notChecked: string[], access: RepositoryAccess[] = []): IntegrityReport => ({
  repository: './repo',
  counts: { packages: 1, versions: 2, archives: 2, problems: 0 },
  problems: [],
  notChecked,
  access,
  durationMs: 30,
});

// Colours are on where CI or FORCE_COLOR is set.
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '').split('\n');

describe('the text report of verify', () => {
  it('writes control characters from the repository as escapes, so metadata cannot drive the terminal', () => {
    const text = renderIntegrity({
      repository: './repo',
      counts: { packages: 1, versions: 1, archives: 0, problems: 1 },
      problems: [{ package: 'acme/a', version: '1.0.0\u001b[2K\r', kind: 'metadata-invalid', message: 'bad \u001b]0;title\u0007', details: {} }],
      notChecked: ['acme/\u001b[2Kb'],
      access: [],
      durationMs: 5,
    });
    assert.match(text, /acme\/a 1\.0\.0\\u001b\[2K\\r/);
    assert.match(text, /bad \\u001b\]0;title\\u0007/);
    assert.match(text, /not checked: .*acme\/\\u001b\[2Kb/);
    assert.doesNotMatch(text.replace(/\x1b\[[0-9;]*m/g, ''), /[\u0000-\u0009\u000b-\u001f]/);
  });
});

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

  it('for a remote repository, says where it was fetched from after what it did not check', () => {
    const access: RepositoryAccess = { repository: 'http://127.0.0.1:8080/', origin: 'http://127.0.0.1:8080', allowedHosts: [], otherOrigins: [], refused: ['file:'] };
    const text = plain(renderIntegrity(report(['symfony/console'], [access])));
    assert.match(text[2] ?? '', /^not checked: requirements on 1 package\(s\)/);
    assert.equal(text[3], 'http://127.0.0.1:8080/: fetched from http://127.0.0.1:8080; no other host was allowed; not fetched: file:');
    const html = integrityPage(report(['symfony/console'], [access]));
    assert.ok(html.includes('not fetched: file:') && html.includes('<li>symfony/console</li>'));
  });

  it('the HTML report lists the names it did not check, and has no such section when there are none', () => {
    const html = integrityPage(report(['symfony/console', 'a/<b>']));
    assert.match(html, /Not checked.*requirements on 2 package\(s\)/);
    assert.ok(html.includes('<li>symfony/console</li>') && html.includes('<li>a/&lt;b&gt;</li>'));
    assert.doesNotMatch(integrityPage(report([])), /Not checked/);
  });
});
