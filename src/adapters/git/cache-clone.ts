import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { MageosError } from '../../core/errors.js';
import { writeProblem } from '../write-problem.js';
import { runGit, stderrSummary } from './git-command.js';

export interface CacheCloneOptions {
  cacheDir: string;
  offline: boolean;
  /** A fetch that fails leaves the clone as it was and is returned, not thrown (the caller reports it). */
  keepStale?: boolean;
  onProgress?: (msg: string) => void;
}

const REFSPECS = ['+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*'];

/** Where the bare cache clone of a url lives: `<cacheDir>/<slug>-<sha256(url) prefix>.git`. */
export function cacheClonePath(cacheDir: string, url: string): string {
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 10);
  return join(resolve(cacheDir), `${urlSlug(url)}-${hash}.git`);
}

/** The last path component of a url, made safe as a directory name: `.../mirror-security-package.git` → `mirror-security-package`. */
export function urlSlug(url: string): string {
  const last = url.replace(/[?#].*$/, '').replace(/[/\\]+$/, '').split(/[/:\\]/).at(-1) ?? '';
  const slug = last
    .replace(/\.git$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '');
  return slug === '' ? 'repository' : slug;
}

/** Hides credentials in urls such as https://user:token@host/repo before they reach a message. */
export function redactUrl(text: string): string {
  return text.replace(/\/\/[^/@\s]*@/g, '//***@');
}

/** Opens the bare cache clone of `url`, cloning it the first time and fetching it otherwise (unless offline). */
export async function openCacheClone(url: string, opts: CacheCloneOptions): Promise<{ gitDir: string; fetched: boolean; fetchError?: MageosError }> {
  if (url === '' || url.startsWith('-')) {
    throw new MageosError('ERR_SOURCE', `invalid source url "${url}"`, { hint: 'Use an https://, ssh:// or file:// url.' });
  }
  const gitDir = cacheClonePath(opts.cacheDir, url);
  const cached = await isDirectory(gitDir);
  if (opts.offline) {
    if (!cached) {
      throw new MageosError('ERR_SOURCE', `no cached clone of ${redactUrl(url)} in ${opts.cacheDir}`, {
        hint: 'Run once without --offline to fill the cache.',
      });
    }
    return { gitDir, fetched: false };
  }
  if (cached) {
    opts.onProgress?.(`fetching ${redactUrl(url)}`);
    try {
      await fetchAll(gitDir, url);
    } catch (error) {
      // git updates no ref of a fetch that fails: the clone is still what the last fetch left.
      if (opts.keepStale === true && error instanceof MageosError) return { gitDir, fetched: false, fetchError: error };
      throw error;
    }
    return { gitDir, fetched: true };
  }
  opts.onProgress?.(`cloning ${redactUrl(url)}`);
  await cloneAtomically(gitDir, url);
  return { gitDir, fetched: true };
}

// Cloned under a temporary name and renamed into place, so a crash never leaves a half clone under the final name.
async function cloneAtomically(gitDir: string, url: string): Promise<void> {
  const parent = resolve(gitDir, '..');
  const temp = await mkdir(parent, { recursive: true })
    .then(() => mkdtemp(join(parent, `.${basename(gitDir)}.tmp-`)))
    .catch((error: unknown) => {
      throw cacheDirProblem(parent, error);
    });
  try {
    await runGit(null, ['init', '--bare', '--quiet', temp]);
    await fetchAll(temp, url, 'Check the url, your network and credentials. There is no cache clone of it yet, so --offline cannot build it either.');
    await rename(temp, gitDir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    // Another build cloned the same url meanwhile: its clone is as good as ours.
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && (await isDirectory(gitDir))) return;
    throw error;
  }
}

/** A cache directory that cannot be written, as the error that names it (not an internal error). */
function cacheDirProblem(dir: string, error: unknown): unknown {
  const problem = writeProblem(dir, error);
  if (problem === undefined) return error;
  return new MageosError('ERR_SOURCE', `Cache directory ${dir} ${problem.problem}: ${problem.said}`, { hint: `${problem.hint} (--cache-dir)`, cause: error });
}

async function fetchAll(gitDir: string, url: string, hint = 'Check the url, your network and credentials; or build from the cache with --offline.'): Promise<void> {
  const args = ['-c', 'gc.autoDetach=false', 'fetch', '--quiet', '--prune', '--prune-tags', '--force', '--end-of-options', url];
  const result = await runGit(gitDir, [...args, ...REFSPECS], { allowFailure: true });
  if (result.code !== 0) {
    throw new MageosError('ERR_SOURCE', `could not fetch ${redactUrl(url)}: ${redactUrl(stderrSummary(result.stderr))}`, {
      hint,
      details: { gitDir, code: result.code, stderr: redactUrl(result.stderr) },
    });
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
