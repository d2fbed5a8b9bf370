import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { BlobReader } from '../../src/adapters/git/blob-reader.js';
import { HashWriteThread } from '../../src/adapters/fs/hash-write-thread.js';
import { EntryCache, writeArtifactArchive } from '../../src/app/builder/artifact-writer.js';
import { MageosError } from '../../src/core/errors.js';
import type { PlannedArtifact } from '../../src/core/plan/types.js';
import { snapshotFiles } from '../support/repository-files.js';
import { createModulesRepo } from '../support/module-repo.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';

after(removeTempDirs);

describe('archives hashed and written by the second thread', () => {
  for (const format of ['mageos', 'deflate'] as const) {
    it(`have the bytes and sha1s of the archives written in the build's own thread (${format})`, async () => {
      const repo = createModulesRepo();
      const [here, there] = [tempDir(), tempDir()];
      const config = { sources: [{ path: repo.dir }], format };
      const built = await buildRepo(config, here, { writeThreadMinFiles: Number.POSITIVE_INFINITY });
      const threaded = await buildRepo(config, there, { writeThreadMinFiles: 0 });
      assert.deepEqual(threaded.errors, []);
      assert.equal(threaded.counts.built, built.counts.built);
      assert.ok(built.counts.built >= 4);
      assert.deepEqual(snapshotFiles(there), snapshotFiles(here));
      repo.cleanup();
    });
  }

  it('stop at a missing blob with the error that names the file and release, and leave no file behind', async () => {
    const repo = createModulesRepo();
    const thread = new HashWriteThread();
    const reader = await BlobReader.open(join(repo.dir, '.git'));
    const artifact: PlannedArtifact = {
      name: 'acme/module-a', version: '1.0.0', versionNormalized: '1.0.0.0', kind: 'package', source: 'acme', tag: '1.0.0', commit: '0'.repeat(40),
      time: null, dir: '', key: 'k', files: [{ path: 'Model/Gone.php', oid: 'f'.repeat(40), executable: false }], emptyDirs: [], composerJson: '{}\n',
    };
    const path = join(tempDir(), 'a.zip');
    try {
      await assert.rejects(writeArtifactArchive(artifact, path, 'mageos', () => reader, new EntryCache(), thread), (e: unknown) => {
        assert.ok(e instanceof MageosError);
        assert.equal(e.code, 'ERR_GIT_OBJECT_MISSING');
        assert.match(e.message, /acme\/module-a 1\.0\.0 \(tag 1\.0\.0 of source "acme"\), file Model\/Gone\.php/);
        return true;
      });
      assert.equal(existsSync(path), false);
    } finally {
      await reader.close();
      await thread.close();
      repo.cleanup();
    }
  });
});
