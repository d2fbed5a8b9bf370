import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { MageosError } from '../../core/errors.js';

export interface RunGitOptions {
  input?: Buffer | string;
  env?: NodeJS.ProcessEnv;
  allowFailure?: boolean;
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

// Inherited from a git hook or a parent git command, these would redirect every call to another repository.
const REPOSITORY_ENV = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_NAMESPACE',
  'GIT_COMMON_DIR',
  'GIT_PREFIX',
];

export function gitEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of REPOSITORY_ENV) delete env[name];
  return { ...env, ...extra, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
}

export function gitArgv(gitDir: string | null, args: string[]): string[] {
  return gitDir === null ? args : [`--git-dir=${gitDir}`, ...args];
}

export function spawnGit(gitDir: string | null, args: string[], env?: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams {
  return spawn('git', gitArgv(gitDir, args), { env: gitEnv(env), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
}

/** The line of git's stderr that best explains a failure: the first fatal/error line, else the first line. */
export function stderrSummary(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return lines.find((line) => /^(fatal|error):/.test(line)) ?? lines[0] ?? '(no output on stderr)';
}

export function describeGitCommand(gitDir: string | null, args: string[]): string {
  const command = `git ${args.join(' ')}`;
  return gitDir === null ? command : `${command} (in ${gitDir})`;
}

export function runGit(gitDir: string | null, args: string[], opts: RunGitOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(gitDir, args, opts.env);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let spawnError: Error | undefined;
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // git may exit before reading all its input; the exit code then tells what happened.
    child.stdin.on('error', () => {});
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (exitCode, signal) => {
      const command = describeGitCommand(gitDir, args);
      if (spawnError !== undefined) {
        reject(new MageosError('ERR_GIT', `could not run ${command}: ${spawnError.message}`, {
          hint: 'Check that git is installed and on PATH.',
          cause: spawnError,
        }));
        return;
      }
      const result: GitResult = {
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr).toString('utf8'),
        code: exitCode ?? -1,
      };
      if (result.code === 0 || opts.allowFailure === true) {
        resolve(result);
        return;
      }
      reject(gitFailure(gitDir, args, result, signal));
    });
    child.stdin.end(opts.input);
  });
}

export function gitFailure(gitDir: string | null, args: string[], result: GitResult, signal?: string | null): MageosError {
  const how = signal === null || signal === undefined ? `exit code ${result.code}` : `signal ${signal}`;
  return new MageosError('ERR_GIT', `${describeGitCommand(gitDir, args)} failed (${how}): ${stderrSummary(result.stderr)}`, {
    hint: 'Run the git command by hand to see the full output.',
    details: { args, gitDir, code: result.code, stderr: result.stderr },
  });
}
