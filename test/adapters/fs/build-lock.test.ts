import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { acquireBuildLock } from '../../../src/adapters/fs/build-lock.js';
import type { MageosError } from '../../../src/core/errors.js';
import { removeTempDirs, tempDir } from '../../app/build-helpers.js';

after(removeTempDirs);

/** A pid no process has (above the usual pid_max of 4,194,304). */
const DEAD_PID = 2 ** 22 + 12345;

function lockDir(): { dir: string; path: string } {
  const dir = join(tempDir(), '.mageos-repo');
  mkdirSync(dir, { recursive: true });
  return { dir, path: join(dir, 'lock') };
}

describe('build lock', () => {
  it('builds racing for the lock of a dead build: exactly one takes it over, the others fail with ERR_LOCKED (40 rounds of 4, started a few event-loop turns apart)', async () => {
    const turns = (n: number) => new Promise<void>((resolve) => (n === 0 ? resolve() : setImmediate(() => void turns(n - 1).then(resolve))));
    for (let round = 0; round < 40; round++) {
      const { dir, path } = lockDir();
      writeFileSync(path, JSON.stringify({ pid: DEAD_PID, host: hostname(), started: 'then' }));
      // Staggered, so that one build deletes or replaces the stale lock while another is between reading and acting.
      const results = await Promise.allSettled(Array.from({ length: 4 }, (_, i) => turns((i * round) % 7).then(() => acquireBuildLock(path, dir))));
      const won = results.filter((r) => r.status === 'fulfilled');
      assert.equal(won.length, 1, `round ${round}: ${won.length} builds hold the lock`);
      for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as MageosError).code, 'ERR_LOCKED');
      await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireBuildLock>>>).value.release();
      assert.deepEqual(readdirSync(dir), [], 'no lock, temporary or takeover file is left');
    }
  });

  it('a lock that was deleted or taken over is lost: check() says so, and release() leaves the other build’s lock alone', async () => {
    const { dir, path } = lockDir();
    const lock = await acquireBuildLock(path, dir);
    await lock.check();
    rmSync(path);
    await assert.rejects(lock.check(), (e: MageosError) => e.code === 'ERR_LOCK_LOST' && e.exitCode === 6 && e.message.includes(`its lock ${path} was deleted`));
    const other = JSON.stringify({ pid: process.pid, host: hostname(), started: 'now', token: 'other' });
    writeFileSync(path, other);
    await assert.rejects(lock.check(), (e: MageosError) => e.code === 'ERR_LOCK_LOST' && e.message.includes(`taken over by build pid ${process.pid}`));
    await lock.release();
    assert.equal(readFileSync(path, 'utf8'), other);
  });

  it('the lock file is complete from the moment it exists (linked from a written file) and names its owner', async () => {
    const { dir, path } = lockDir();
    const lock = await acquireBuildLock(path, dir);
    const owner = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(owner.pid, process.pid);
    assert.equal(owner.host, hostname());
    assert.match(owner.token, /^[0-9a-f]{16}$/);
    assert.deepEqual(readdirSync(dir), ['lock']);
    await assert.rejects(acquireBuildLock(path, dir), (e: MageosError) => e.code === 'ERR_LOCKED' && e.message.includes(`build pid ${process.pid}`));
    await lock.release();
    assert.deepEqual(readdirSync(dir), []);
  });

  it('a build that died while taking over a stale lock (its takeover marker left) blocks the next one with a hint naming both files', async () => {
    const { dir, path } = lockDir();
    const stale = JSON.stringify({ pid: DEAD_PID, host: hostname(), started: 'then' });
    writeFileSync(path, stale);
    // The marker is named after the stale lock file (inode and text): the one a dying taker of this lock leaves.
    const id = createHash('sha1').update(`${statSync(path).ino}\0${stale}`).digest('hex').slice(0, 16);
    writeFileSync(`${path}.takeover.${id}`, '');
    await assert.rejects(acquireBuildLock(path, dir), (e: MageosError) => e.code === 'ERR_LOCKED' && e.hint === `Delete ${path} and ${path}.takeover.* if no build is running.`);
    rmSync(`${path}.takeover.${id}`);
    const lock = await acquireBuildLock(path, dir);
    await lock.release();
  });
});
