import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { MageosError } from '../../core/errors.js';
import { jsonErrorReason } from '../../core/json-error.js';

/** Credentials by host, as Composer's auth.json holds them. */
export interface ComposerAuth {
  httpBasic: Record<string, { username: string; password: string }>;
  bearer: Record<string, string>;
}

export const NO_AUTH: ComposerAuth = { httpBasic: {}, bearer: {} };

function composerHome(env: NodeJS.ProcessEnv): string {
  if (env.COMPOSER_HOME) return env.COMPOSER_HOME;
  const xdg = join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'composer');
  return existsSync(xdg) ? xdg : join(homedir(), '.composer');
}

function parseAuth(text: string, where: string): ComposerAuth {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new MageosError('ERR_CONFIG_INVALID', `${where} is not valid JSON${jsonErrorReason(text, cause)}`, { hint: 'Fix the JSON, as Composer would need it too.', cause });
  }
  const doc = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const auth: ComposerAuth = { httpBasic: {}, bearer: {} };
  for (const [host, value] of Object.entries((doc['http-basic'] ?? {}) as Record<string, unknown>)) {
    const v = value as { username?: unknown; password?: unknown } | null;
    if (typeof v?.username !== 'string') throw new MageosError('ERR_CONFIG_INVALID', `${where}: http-basic.${host} has no "username"`, { hint: 'Write {"username": "...", "password": "..."}.' });
    auth.httpBasic[host.toLowerCase()] = { username: v.username, password: typeof v.password === 'string' ? v.password : '' };
  }
  for (const [host, token] of Object.entries((doc.bearer ?? {}) as Record<string, unknown>)) {
    if (typeof token === 'string') auth.bearer[host.toLowerCase()] = token;
  }
  return auth;
}

function merge(base: ComposerAuth, over: ComposerAuth): ComposerAuth {
  return { httpBasic: { ...base.httpBasic, ...over.httpBasic }, bearer: { ...base.bearer, ...over.bearer } };
}

/**
 * Credentials the way Composer finds them: auth.json in COMPOSER_HOME, then auth.json in the project
 * directory, then the COMPOSER_AUTH environment variable, each later one winning for a host.
 */
export function loadComposerAuth(options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): ComposerAuth {
  const env = options.env ?? process.env;
  let auth = NO_AUTH;
  for (const file of [join(composerHome(env), 'auth.json'), join(options.cwd ?? process.cwd(), 'auth.json')]) {
    if (existsSync(file)) auth = merge(auth, parseAuth(readFileSync(file, 'utf8'), file));
  }
  if (env.COMPOSER_AUTH) auth = merge(auth, parseAuth(env.COMPOSER_AUTH, 'the COMPOSER_AUTH environment variable'));
  return auth;
}

/** The Authorization header Composer would send to this URL: credentials for "host:port" first, then for the host. */
export function authorizationFor(url: URL, auth: ComposerAuth): string | undefined {
  for (const host of [url.host.toLowerCase(), url.hostname.toLowerCase()]) {
    const basic = auth.httpBasic[host];
    if (basic !== undefined) return `Basic ${Buffer.from(`${basic.username}:${basic.password}`).toString('base64')}`;
    const token = auth.bearer[host];
    if (token !== undefined) return `Bearer ${token}`;
  }
  return undefined;
}
