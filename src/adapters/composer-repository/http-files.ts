import { isMageosError, MageosError } from '../../core/errors.js';
import type { ArchiveCache } from './archive-cache.js';
import type { HttpClient } from './http-client.js';
import type { ArchiveLookup, RepositoryAccess, RepositoryFiles } from './repository.js';
import { MAX_METADATA_BYTES, metadataTooLarge } from './root-metadata.js';
import { parseUrl, RefusedUrl, refusedMetadata, type UrlPolicy } from './url-policy.js';

/**
 * A repository served over HTTP(S): metadata read on demand, archives downloaded into the cache. Only http(s)
 * URLs on the repository's origin, or on hosts the policy allows, are fetched (redirects included).
 */
export class HttpFiles implements RepositoryFiles {
  constructor(
    readonly location: string,
    private readonly packagesJson: URL,
    private readonly client: HttpClient,
    private readonly cache: ArchiveCache,
    readonly policy: UrlPolicy,
  ) {}

  async readText(ref: string): Promise<string | null> {
    const url = this.resolve(ref);
    if (url === null) throw refusedMetadata(this.location, ref, 'it is not a URL');
    try {
      return await this.client.text(url, MAX_METADATA_BYTES, () => metadataTooLarge(`${this.location} ${ref}`));
    } catch (error) {
      if (error instanceof RefusedUrl && ref !== 'packages.json') throw refusedMetadata(this.location, ref, error.message);
      throw error;
    }
  }

  async archive(ref: string, shasum: string): Promise<ArchiveLookup> {
    const url = this.resolve(ref);
    if (url === null) return { refused: `${JSON.stringify(ref)} is not a URL` };
    // Checked before the cache too: an archive kept from a run that allowed its host is not used by one that does not.
    const why = this.policy.refusal(url);
    if (why !== null) return { refused: why };
    try {
      const archive = await this.cache.get(url.href, shasum, (file) => this.client.download(url, file));
      return archive === null ? { missing: true } : { archive };
    } catch (error) {
      if (error instanceof RefusedUrl) return { refused: error.message };
      if (!isMageosError(error) || url.origin === this.packagesJson.origin) throw error;
      throw new MageosError(error.code, error.message, {
        hint: `The metadata's dist URLs point at ${url.origin}, not at ${this.packagesJson.origin} where the metadata was read: was the repository built with another --base-url?`,
        cause: error,
      });
    }
  }

  access(): RepositoryAccess {
    const { origin, otherHosts, otherOrigins, refused } = this.policy;
    return { repository: this.location, origin, allowedHosts: otherHosts, otherOrigins: [...otherOrigins].sort(), refused: [...refused].sort() };
  }

  close(): Promise<void> {
    return this.cache.close();
  }

  private resolve(ref: string): URL | null {
    return parseUrl(ref, this.packagesJson);
  }
}
