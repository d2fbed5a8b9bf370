import { join, resolve } from 'node:path';
import { loadComposerAuth } from '../../adapters/composer-repository/composer-auth.js';
import { openRepository } from '../../adapters/composer-repository/open-repository.js';
import type { ComposerRepository } from '../../adapters/composer-repository/repository.js';
import type { OtherHosts } from '../../adapters/composer-repository/url-policy.js';
import { isMageosError, MageosError } from '../../core/errors.js';
import { defaultCacheDir } from '../config/resolve-config.js';

export interface RepositoryReading {
  /** Where downloaded archives are kept; default the verify cache. */
  cacheDir?: string;
  /** HTTP requests in flight at once. */
  concurrency: number;
  /** Hosts besides a remote repository's own origin that may be fetched. */
  otherHosts?: OtherHosts;
}

export type { ComposerRepository };

/** A failure of the file system while reading is an unreadable repository (exit 9), not a crash. */
export function unreadable(error: unknown, locations: string[]): unknown {
  if (isMageosError(error) || typeof (error as NodeJS.ErrnoException)?.code !== 'string') return error;
  return new MageosError('ERR_REPOSITORY_UNREADABLE', `cannot read ${locations.join(' or ')}: ${(error as Error).message}`, { hint: 'Check the paths and their permissions.', cause: error });
}

/** Opens the repositories, runs the check, and closes them (removing temporary downloads) whatever happens. */
export async function withRepositories<T>(locations: string[], reading: RepositoryReading, run: (repositories: ComposerRepository[]) => Promise<T>): Promise<T> {
  const options = {
    cacheDir: resolve(reading.cacheDir ?? join(defaultCacheDir(), 'verify')),
    auth: loadComposerAuth(),
    concurrency: reading.concurrency,
    otherHosts: reading.otherHosts ?? [],
  };
  const opened: ComposerRepository[] = [];
  try {
    for (const location of locations) opened.push(await openRepository(location, options));
    return await run(opened);
  } catch (error) {
    throw unreadable(error, locations);
  } finally {
    await Promise.all(opened.map((r) => r.close()));
  }
}
