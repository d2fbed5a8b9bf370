import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ArchiveWorkers } from '../../src/app/builder/archive-workers.js';
import type { PlannedArtifact } from '../../src/core/plan/types.js';
import { MageosError } from '../../src/core/errors.js';
import { snapshotFiles } from '../support/repository-files.js';
import { createModulesRepo } from '../support/module-repo.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';

after(removeTempDirs);

const inThisThread = { threads: 0, minFiles: 0 };
const inWorkers = { threads: 2, minFiles: 0 };

function artifactWith(files: PlannedArtifact['files']): PlannedArtifact {
  return {
    name: 'acme/module-a', version: '1.0.0', versionNormalized: '1.0.0.0', kind: 'package', source: 'acme', tag: '1.0.0', commit: '0'.repeat(40),
    time: null, dir: '', key: 'k', files, emptyDirs: [], composerJson: '{}\n',
  };
}

describe('archives written by worker threads', () => {
  for (const format of ['mageos', 'deflate'] as const) {
    it(`have the bytes of the archives written in the build's own thread (${format})`, async () => {
      const repo = createModulesRepo();
      const [here, there] = [tempDir(), tempDir()];
      const config = { sources: [{ path: repo.dir }], format };
      const built = await buildRepo(config, here, { archiveWorkers: inThisThread });
      const inThreads = await buildRepo(config, there, { archiveWorkers: inWorkers });
      assert.deepEqual(inThreads.errors, []);
      assert.equal(inThreads.counts.built, built.counts.built);
      assert.ok(built.counts.built >= 4);
      assert.deepEqual(snapshotFiles(there), snapshotFiles(here));
      repo.cleanup();
    });
  }

  it('fail with the error the build would meet in its own thread: a missing blob names the file and release', async () => {
    const repo = createModulesRepo();
    const workers = new ArchiveWorkers(inWorkers);
    try {
      const missing = artifactWith([{ path: 'Model/Gone.php', oid: 'f'.repeat(40), executable: false }]);
      await assert.rejects(workers.write(missing, join(tempDir(), 'a.zip'), 'mageos', { acme: join(repo.dir, '.git') }), (e: unknown) => {
        assert.ok(e instanceof MageosError);
        assert.equal(e.code, 'ERR_GIT_OBJECT_MISSING');
        assert.match(e.message, /acme\/module-a 1\.0\.0 \(tag 1\.0\.0 of source "acme"\), file Model\/Gone\.php/);
        assert.ok(e.hint !== undefined);
        return true;
      });
      // A system error keeps its code, which the build turns into "output directory unusable".
      await assert.rejects(workers.write(artifactWith([]), join(tempDir(), 'gone', 'a.zip'), 'mageos', {}), (e: NodeJS.ErrnoException) => {
        assert.equal(e.code, 'ENOENT');
        assert.equal(e.syscall, 'open');
        return true;
      });
    } finally {
      await workers.close();
    }
    repo.cleanup();
  });
});
