import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../../src/app/config/resolve-config.js';
import { parseConfig } from '../../../src/core/config/parse-config.js';
import { type PlainSourcesRequest, plainSourcesConfig } from '../../../src/core/config/plain-sources-config.js';

describe('configuration from --source options alone', () => {
  const requests: PlainSourcesRequest[] = [
    { sources: [{ path: '/srv/git/security-package' }] },
    { sources: [{ path: '/srv/a' }, { url: 'https://github.com/mage-os/mirror-inventory.git' }, { url: 'git@example.com:acme/b.git' }] },
    { sources: [{ path: '/srv/a' }], format: 'deflate' },
    { sources: [{ url: 'https://example.com/c.git' }], format: 'mageos' },
  ];

  for (const request of requests) {
    it(`is what the schema makes of ${JSON.stringify(request)}, key order included`, () => {
      const plain = plainSourcesConfig(request);
      assert.notEqual(plain, null);
      // Key order matters: build fingerprints and rule hashes are taken from the config's JSON.
      assert.equal(JSON.stringify(plain), JSON.stringify(parseConfig(request, 'test')));
    });
  }

  it('leaves to the schema anything it has to check', () => {
    assert.equal(plainSourcesConfig({ sources: [{ path: '/srv/a' }], baseUrl: 'https://repo.example.com' }), null);
    assert.equal(plainSourcesConfig({ sources: [{ path: '/srv/a' }], format: 'tar' }), null);
    assert.equal(plainSourcesConfig({ sources: [] }), null);
    assert.equal(plainSourcesConfig({ sources: [{ path: '' }] }), null);
    assert.equal(plainSourcesConfig({ sources: [{ path: '/srv/a', url: 'https://example.com/a.git' }] }), null);
  });

  it('gives resolveConfig the same result as the schema, and the schema still reports bad options', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mageos-plain-'));
    try {
      const resolved = await resolveConfig({ sources: [dir], cwd: tmpdir() });
      assert.equal(JSON.stringify(resolved), JSON.stringify(parseConfig({ sources: [{ path: dir }] }, 'test')));
      await assert.rejects(resolveConfig({ sources: [dir], baseUrl: 'ftp://example.com/' }), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'ERR_CONFIG_INVALID');
        assert.match(error.message, /\$\.baseUrl/);
        return true;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
