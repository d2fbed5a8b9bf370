import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { MageosError } from '../../../src/core/errors.js';
import { runGit } from '../../../src/adapters/git/git-command.js';
import { createRepo } from '../../support/git-fixture.js';

describe('runGit', () => {
  const repo = createRepo();
  repo.writeFile('a.txt', 'hello\n');
  const commit = repo.commit('first');
  const gitDir = `${repo.dir}/.git`;
  after(() => repo.cleanup());

  it('runs git against the given git dir and returns stdout as bytes', async () => {
    const result = await runGit(gitDir, ['rev-parse', 'HEAD']);
    assert.equal(result.code, 0);
    assert.ok(Buffer.isBuffer(result.stdout));
    assert.equal(result.stdout.toString().trim(), commit);
  });

  it('passes input on stdin', async () => {
    const result = await runGit(gitDir, ['hash-object', '--stdin'], { input: 'hello\n' });
    assert.equal(result.stdout.toString().trim(), repo.git(['rev-parse', 'HEAD:a.txt']));
  });

  it('throws ERR_GIT naming the command and the first fatal line of stderr', async () => {
    await assert.rejects(runGit(gitDir, ['cat-file', '-p', 'no-such-ref']), (error: unknown) => {
      assert.ok(error instanceof MageosError);
      assert.equal(error.code, 'ERR_GIT');
      assert.match(error.message, /git cat-file -p no-such-ref/);
      assert.match(error.message, /fatal: Not a valid object name no-such-ref/);
      return true;
    });
  });

  it('returns the exit code instead of throwing when failure is allowed', async () => {
    const result = await runGit(gitDir, ['cat-file', '-e', 'no-such-ref'], { allowFailure: true });
    assert.notEqual(result.code, 0);
  });

  it('ignores a GIT_DIR inherited from the environment, as inside a git hook', async () => {
    process.env.GIT_DIR = '/nonexistent';
    try {
      const result = await runGit(null, ['-C', repo.dir, 'rev-parse', '--absolute-git-dir']);
      assert.equal(result.stdout.toString().trim(), repo.git(['rev-parse', '--absolute-git-dir']));
    } finally {
      delete process.env.GIT_DIR;
    }
  });

  it('runs with LC_ALL=C and terminal prompts disabled', async () => {
    const env = await runGit(null, ['-c', 'alias.env=!env', 'env'], { env: { LC_ALL: 'de_DE.UTF-8' } });
    const lines = env.stdout.toString().split('\n');
    assert.ok(lines.includes('LC_ALL=C'));
    assert.ok(lines.includes('GIT_TERMINAL_PROMPT=0'));
  });
});
