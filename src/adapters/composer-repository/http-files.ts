import { isMageosError, MageosError } from '../../core/errors.js';
import type { ArchiveCache } from './archive-cache.js';
import type { HttpClient } from './http-client.js';
import type { LocalArchive, RepositoryFiles } from './repository.js';

/** A repository served over HTTP(S): metadata read on demand, archives downloaded into the cache. */
export class HttpFiles implements RepositoryFiles {
  constructor(
    readonly location: string,
    private readonly packagesJson: URL,
    private readonly client: HttpClient,
    private readonly cache: ArchiveCache,
  ) {}

  readText(ref: string): Promise<string | null> {
    return this.client.text(new URL(ref, this.packagesJson));
  }

  async archive(ref: string, shasum: string): Promise<LocalArchive | null> {
    const url = new URL(ref, this.packagesJson);
    try {
      return await this.cache.get(url.href, shasum, (file) => this.client.download(url, file));
    } catch (error) {
      if (!isMageosError(error) || url.origin === this.packagesJson.origin) throw error;
      throw new MageosError(error.code, error.message, {
        hint: `The metadata's dist URLs point at ${url.origin}, not at ${this.packagesJson.origin} where the metadata was read: was the repository built with another --base-url?`,
        cause: error,
      });
    }
  }

  close(): Promise<void> {
    return this.cache.close();
  }
}
