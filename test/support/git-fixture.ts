import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Fixed identity and clock, and no user or system config, so fixture repositories are the same on every machine. */
export const FIXTURE_GIT_ENV: NodeJS.ProcessEnv = {
  GIT_AUTHOR_NAME: 'Fixture Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Fixture Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  LC_ALL: 'C',
};

/** 2024-01-01T00:00:00Z; each commit without an explicit date is one minute after the previous one. */
export const FIXTURE_START_TIME = 1704067200;

export interface FixtureRepo {
  dir: string;
  writeFile(path: string, content: string | Buffer, options?: { mode?: number }): void;
  symlink(path: string, target: string): void;
  remove(path: string): void;
  /** Stages everything and commits; returns the commit sha. */
  commit(message: string, options?: { date?: number; stageAll?: boolean }): string;
  /** Tags HEAD, or `target` (any object), lightweight unless annotated. */
  tag(name: string, options?: { annotated?: boolean; message?: string; target?: string; date?: number }): void;
  branch(name: string, target?: string): void;
  /** Runs git in the repository; returns trimmed stdout. */
  git(args: string[], input?: string | Buffer): string;
  cleanup(): void;
}

/** Temporary directories made by this test process; whatever a test did not remove goes when the process exits. */
const madeDirs: string[] = [];
process.on('exit', () => {
  for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
});

export function makeTempDir(prefix = 'mageos-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}

export function createRepo(options: { bare?: boolean } = {}): FixtureRepo {
  const dir = makeTempDir('mageos-repo-');
  let clock = FIXTURE_START_TIME;
  const run = (args: string[], input?: string | Buffer, date?: number): string => {
    const when = `@${date ?? clock} +0000`;
    const env: NodeJS.ProcessEnv = { ...process.env, ...FIXTURE_GIT_ENV, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when };
    delete env.GIT_DIR;
    delete env.GIT_WORK_TREE;
    delete env.GIT_INDEX_FILE;
    return execFileSync('git', args, { cwd: dir, env, input, stdio: ['pipe', 'pipe', 'pipe'] }).toString('utf8').trim();
  };
  run(['init', '--quiet', '--initial-branch=main', ...(options.bare === true ? ['--bare'] : [])]);
  const file = (path: string): string => join(dir, path);

  return {
    dir,
    writeFile(path, content, { mode } = {}) {
      mkdirSync(dirname(file(path)), { recursive: true });
      writeFileSync(file(path), content);
      if (mode !== undefined) chmodSync(file(path), mode);
    },
    symlink(path, target) {
      mkdirSync(dirname(file(path)), { recursive: true });
      symlinkSync(target, file(path));
    },
    remove(path) {
      rmSync(file(path), { recursive: true, force: true });
    },
    commit(message, { date, stageAll = true } = {}) {
      clock = date ?? clock + 60;
      if (stageAll) run(['add', '--all']);
      run(['commit', '--quiet', '--allow-empty', '-m', message]);
      return run(['rev-parse', 'HEAD']);
    },
    tag(name, { annotated = false, message, target = 'HEAD', date } = {}) {
      const flags = annotated || message !== undefined ? ['-a', '-m', message ?? `Release ${name}`] : [];
      run(['tag', ...flags, name, target], undefined, date);
    },
    branch(name, target = 'HEAD') {
      run(['branch', name, target]);
    },
    git(args, input) {
      return run(args, input);
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
