import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { MageosError } from '../../core/errors.js';
import { ArchiveCache } from './archive-cache.js';
import { ArchiveDirectory } from './archive-directory.js';
import { type ComposerAuth, NO_AUTH } from './composer-auth.js';
import { ComposerRepositoryReader } from './composer-repository.js';
import { DirectoryFiles } from './directory-files.js';
import { HttpClient } from './http-client.js';
import { HttpFiles } from './http-files.js';
import type { ComposerRepository } from './repository.js';
import { type OtherHosts, UrlPolicy } from './url-policy.js';

export interface OpenRepositoryOptions {
  /** Where downloaded archives are kept between runs. */
  cacheDir: string;
  auth?: ComposerAuth;
  /** HTTP requests in flight at once. */
  concurrency?: number;
  /** Hosts besides a remote repository's own origin whose URLs may be fetched (default none). */
  otherHosts?: OtherHosts;
}

function packagesJsonUrl(location: string): URL {
  const url = new URL(location);
  if (!url.pathname.endsWith('/packages.json')) url.pathname = `${url.pathname.replace(/\/?$/, '/')}packages.json`;
  return url;
}

/**
 * Opens a repository for reading: an http(s) URL of a Composer repository, a directory holding packages.json
 * (or that file itself), or a plain directory of archives. Only packages.json is read now; the rest on demand.
 */
export async function openRepository(location: string, options: OpenRepositoryOptions): Promise<ComposerRepository> {
  if (/^https?:\/\//i.test(location)) {
    const packagesJson = packagesJsonUrl(location);
    const policy = new UrlPolicy(packagesJson.origin, options.otherHosts ?? []);
    const client = new HttpClient(options.auth ?? NO_AUTH, policy, options.concurrency ?? 8);
    return ComposerRepositoryReader.open(new HttpFiles(location, packagesJson, client, new ArchiveCache(options.cacheDir), policy));
  }
  let path = resolve(location);
  const info = await stat(path).catch(() => null);
  if (info === null) {
    throw new MageosError('ERR_REPOSITORY_UNREADABLE', `${location} does not exist`, { hint: 'Name a repository directory, a directory of archives, or an http(s) URL.' });
  }
  if (info.isFile() && basename(path) === 'packages.json') path = dirname(path);
  const hasPackagesJson = (await stat(join(path, 'packages.json')).catch(() => null))?.isFile() ?? false;
  if (hasPackagesJson) return ComposerRepositoryReader.open(new DirectoryFiles(location, path));
  if (!info.isDirectory()) {
    throw new MageosError('ERR_REPOSITORY_UNREADABLE', `${location} is a file, not a repository`, { hint: 'Name the directory that holds packages.json, or a directory of archives.' });
  }
  return ArchiveDirectory.open(location, path);
}
