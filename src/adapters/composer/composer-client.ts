import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, stat, writeFile } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { MageosError } from '../../core/errors.js';
import type { ComposerAuth } from '../composer-repository/composer-auth.js';

export const DEFAULT_COMPOSER_TIMEOUT_MS = 15 * 60 * 1000;
const KILL_GRACE_MS = 5000;
const INSTALL_HINT = 'Install Composer 2 and PHP (Debian/Ubuntu: apt-get install -y composer php-cli php-zip php-curl), or name the executable with --composer or MAGEOS_REPO_COMPOSER.';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface ComposerClientOptions {
  /** The executable; default MAGEOS_REPO_COMPOSER, else `composer` on PATH. */
  composerBinary?: string;
  /** The isolated COMPOSER_HOME (created); its cache is inside it. */
  home: string;
  /** Every repository Composer will read: plain http is allowed only when each http one is on loopback. */
  repositoryUrls: string[];
  /** Leave packagist.org enabled (default: disabled, so everything must come from the named repositories). */
  packagist?: boolean;
  /** Credentials handed to Composer as COMPOSER_AUTH, since the isolated home has no auth.json. */
  auth?: ComposerAuth;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface ComposerRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** Stopped because it ran past the timeout; `code` is then -1. */
  timedOut: boolean;
}

export interface ComposerClient {
  /** The executable found. */
  readonly binary: string;
  /** Runs `composer <args> --no-interaction --no-ansi` in `cwd`; resolves whatever the exit code. */
  run(args: string[], cwd: string): Promise<ComposerRun>;
}

function composerMissing(what: string, cause?: unknown): MageosError {
  return new MageosError('ERR_COMPOSER_MISSING', `cannot run Composer: ${what}`, { hint: INSTALL_HINT, cause });
}

async function isExecutableFile(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isFile()) return false;
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** The composer executable: the option, else MAGEOS_REPO_COMPOSER, else `composer` on PATH. */
export async function findComposer(composerBinary: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env.MAGEOS_REPO_COMPOSER === '' ? undefined : env.MAGEOS_REPO_COMPOSER;
  const wanted = composerBinary ?? fromEnv ?? 'composer';
  const source = composerBinary !== undefined ? 'as given' : fromEnv !== undefined ? 'from MAGEOS_REPO_COMPOSER' : 'on PATH';
  const candidates = wanted.includes('/') ? [resolve(wanted)] : (env.PATH ?? '').split(delimiter).filter((dir) => dir !== '').map((dir) => join(dir, wanted));
  for (const candidate of candidates) if (await isExecutableFile(candidate)) return candidate;
  throw composerMissing(`no executable ${wanted} (${source})`);
}

/** Whether a URL's host is this machine (as the WHATWG URL parser writes hostnames). */
export function isLoopbackHost(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/** Whether Composer may use plain http: only when every http repository is on this machine (an https one needs nothing). */
export function plainHttpAllowed(urls: readonly string[]): boolean {
  const http = urls.filter((url) => /^http:\/\//i.test(url));
  return http.length > 0 && http.every((url) => isLoopbackHost(new URL(url)));
}

function authJson(auth: ComposerAuth): string {
  return JSON.stringify({ 'http-basic': auth.httpBasic, bearer: auth.bearer });
}

/** The user's environment without the COMPOSER_* settings that would point Composer at other files or config. */
function isolatedEnv(env: NodeJS.ProcessEnv, home: string, auth: ComposerAuth | undefined): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (!key.startsWith('COMPOSER') || key === 'COMPOSER_AUTH') out[key] = value;
  const noProxy = [env.no_proxy ?? env.NO_PROXY, '127.0.0.1,localhost,::1'].filter((v) => v !== undefined && v !== '').join(',');
  return {
    ...out,
    ...(auth === undefined ? {} : { COMPOSER_AUTH: authJson(auth) }),
    COMPOSER_HOME: home,
    COMPOSER_CACHE_DIR: join(home, 'cache'),
    COMPOSER_ALLOW_SUPERUSER: '1',
    COMPOSER_NO_AUDIT: '1',
    // A proxy in the environment must not swallow requests to a repository served on this machine.
    no_proxy: noProxy,
    NO_PROXY: noProxy,
  };
}

/** Spawns (never spawnSync: the repository may be served by this very process) and collects the output. */
function runProcess(binary: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ComposerRun> {
  const started = performance.now();
  const child = spawn(binary, [...args, '--no-interaction', '--no-ansi'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
  }, timeoutMs);
  return new Promise((resolvePromise, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(composerMissing(`${binary} could not be started (${error.message}); is PHP installed?`, error));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: timedOut ? -1 : (code ?? -1), stdout, stderr, ms: performance.now() - started, timedOut });
    });
  });
}

/** A Composer client with its own COMPOSER_HOME: no user config, no packagist unless asked, plain http only on loopback. */
export async function composerClient(options: ComposerClientOptions): Promise<ComposerClient> {
  const env = options.env ?? process.env;
  const binary = await findComposer(options.composerBinary, env);
  await mkdir(options.home, { recursive: true });
  const config = {
    config: { 'secure-http': !plainHttpAllowed(options.repositoryUrls) },
    repositories: options.packagist === true ? {} : { 'packagist.org': false },
  };
  await writeFile(join(options.home, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  const childEnv = isolatedEnv(env, options.home, options.auth);
  const timeoutMs = options.timeoutMs ?? DEFAULT_COMPOSER_TIMEOUT_MS;
  return { binary, run: (args, cwd) => runProcess(binary, args, cwd, childEnv, timeoutMs) };
}
