import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Resolved here, so that a child started in another working directory finds it.
const TSX = import.meta.resolve('tsx');

/**
 * The child's environment: plain text whatever the runner's environment says (CI systems set
 * CI or FORCE_COLOR, which turn colours on), then the test's own variables.
 */
function childEnv(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.CI;
  return { ...env, ...extra };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The command that runs the command line from source: program and arguments. */
export function cliCommand(args: string[]): string[] {
  return [process.execPath, '--import', TSX, ENTRY, ...args];
}

/**
 * Runs the command line from source with stdout and stderr on a terminal (util-linux `script` gives it one):
 * what a user at a terminal sees, escape sequences included. The child's working directory is the project root.
 */
export function runCliInTerminal(args: string[]): CliRun {
  const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  const result = spawnSync('script', ['-qfec', cliCommand(args).map(quote).join(' '), '/dev/null'], { cwd: ROOT, env: childEnv(undefined), encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the real command line (from source, through tsx) in a child process. */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliRun {
  const result = spawnSync(process.execPath, ['--import', TSX, ENTRY, ...args], {
    cwd: options.cwd ?? ROOT,
    env: childEnv(options.env),
    encoding: 'utf8',
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the command line without waiting, for tests that kill it or run two at once. */
export function startCli(args: string[], options: { env?: NodeJS.ProcessEnv } = {}) {
  const child = spawn(process.execPath, ['--import', TSX, ENTRY, ...args], { cwd: ROOT, env: childEnv(options.env) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun>((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr })));
  return { child, done };
}
