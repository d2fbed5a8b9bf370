import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createRepo } from '../support/git-fixture.js';
import { libraryJson } from '../support/package-zips.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';

after(removeTempDirs);

describe('metadata that changes within a second', () => {
  it('a rewritten metadata file is dated at least one second after the one it replaces (If-Modified-Since has one-second precision)', async () => {
    const repo = createRepo();
    repo.writeFile('composer.json', libraryJson('acme/lib', null));
    repo.commit('1.0.0');
    repo.tag('1.0.0');
    const out = tempDir();
    await buildRepo({ sources: [{ path: repo.dir }] }, out);
    const before = statSync(join(out, 'p2/acme/lib.json')).mtimeMs;
    repo.commit('1.1.0');
    repo.tag('1.1.0');
    const rebuilt = await buildRepo({ sources: [{ path: repo.dir }] }, out);
    assert.equal(rebuilt.counts.built, 1);
    const after = statSync(join(out, 'p2/acme/lib.json')).mtimeMs;
    assert.ok(Math.floor(after / 1000) > Math.floor(before / 1000), `${after} after ${before}`);
    repo.cleanup();
  });
});
