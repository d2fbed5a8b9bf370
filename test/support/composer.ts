import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ComposerRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment Composer runs in for tests: no proxy (servers are on loopback), root allowed, no audit; no Composer home or cache named yet. */
export function composerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, COMPOSER_ALLOW_SUPERUSER: '1', COMPOSER_NO_AUDIT: '1', http_proxy: '', https_proxy: '' };
  delete env.COMPOSER_HOME;
  delete env.COMPOSER_CACHE_DIR;
  return env;
}

/** Runs the real Composer client with an isolated home: no packagist, plain http allowed (loopback only). Async, so an in-process server keeps answering. */
export function composer(args: string[], options: { cwd: string; home: string }): Promise<ComposerRun> {
  mkdirSync(options.home, { recursive: true });
  writeFileSync(join(options.home, 'config.json'), JSON.stringify({ config: { 'secure-http': false }, repositories: { 'packagist.org': false } }));
  const child = spawn('composer', [...args, '--no-interaction', '--no-ansi'], {
    cwd: options.cwd,
    env: { ...composerEnv(), COMPOSER_HOME: options.home, COMPOSER_CACHE_DIR: join(options.home, 'cache') },
    timeout: 120_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', (error) => reject(new Error(`cannot run composer: ${error.message}. Install it: apt-get install -y composer php-cli php-zip php-curl`)));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
