import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderIntegrity } from '../../src/cli/render-verify.js';

describe('the text report of verify', () => {
  it('writes control characters from the repository as escapes, so metadata cannot drive the terminal', () => {
    const text = renderIntegrity({
      repository: './repo',
      counts: { packages: 1, versions: 1, archives: 0, problems: 1 },
      problems: [{ package: 'acme/a', version: '1.0.0\u001b[2K\r', kind: 'metadata-invalid', message: 'bad \u001b]0;title\u0007', details: {} }],
      access: [],
      durationMs: 5,
    });
    assert.match(text, /acme\/a 1\.0\.0\\u001b\[2K\\r/);
    assert.match(text, /bad \\u001b\]0;title\\u0007/);
    assert.doesNotMatch(text.replace(/\x1b\[[0-9;]*m/g, ''), /[\u0000-\u0009\u000b-\u001f]/);
  });
});
