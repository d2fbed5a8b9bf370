import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { integrityPage } from '../../../src/core/verify/report-page.js';
import { accessLine } from '../../../src/core/verify/repository-access.js';

const remote = { repository: 'https://repo.example/', origin: 'https://repo.example', allowedHosts: [], otherOrigins: [], refused: ['file:', 'https://evil.example'] };

describe('where a repository was read from, in reports', () => {
  it('says for a remote repository what it fetched and what it did not, allowed hosts or not', () => {
    assert.equal(accessLine(remote), 'https://repo.example/: fetched from https://repo.example; no other host was allowed; not fetched: file:, https://evil.example');
    assert.equal(
      accessLine({ ...remote, allowedHosts: ['cdn.example'], otherOrigins: ['https://cdn.example'], refused: [] }),
      'https://repo.example/: fetched from https://repo.example; hosts allowed besides it: cdn.example; also fetched from https://cdn.example',
    );
    assert.match(accessLine({ ...remote, allowedHosts: ['*'] }), /any host was allowed \(--allow-any-host\)/);
    assert.equal(accessLine({ repository: './repo', origin: null, allowedHosts: [], otherOrigins: [], refused: [] }), './repo: read as a directory; only files inside it were opened');
  });

  it('the HTML page says it too, escaped', () => {
    const html = integrityPage({ repository: 'https://repo.example/', counts: { packages: 0, versions: 0, archives: 0, problems: 0 }, problems: [], notChecked: [], access: [{ ...remote, refused: ['https://<b>.example'] }], durationMs: 1 });
    assert.match(html, /<p class="k">https:\/\/repo\.example\/: fetched from https:\/\/repo\.example; no other host was allowed; not fetched: https:\/\/&lt;b&gt;\.example<\/p>/);
  });
});
