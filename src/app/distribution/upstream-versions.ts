import { loadComposerAuth } from '../../adapters/composer-repository/composer-auth.js';
import { openRepository } from '../../adapters/composer-repository/open-repository.js';
import { isMageosError, MageosError } from '../../core/errors.js';
import { isValidVersion } from '../../core/version/index.js';
import { UPSTREAM_VENDOR } from '../../core/distribution/distribution-artifact.js';

const PRODUCT = `${UPSTREAM_VENDOR}/product-community-edition`;

/**
 * The version of every upstream package at a Magento Open Source release, read from a repository's metadata (a
 * mirror's product metapackage pins every package exactly): no Composer run. Keys are upstream names.
 */
export async function upstreamVersions(location: string, magentoVersion: string, cacheDir: string): Promise<Map<string, string>> {
  const unreachable = (cause: unknown) =>
    new MageosError('ERR_REPOSITORY_UNREADABLE', `cannot read the upstream repository ${location}: ${(cause as Error).message}`, {
      hint: 'Give "distribution.upstream.repository" (or --upstream) as a built repository directory or the URL of a Magento Open Source mirror.',
      cause,
    });
  let repository;
  try {
    repository = await openRepository(location, { cacheDir, auth: loadComposerAuth() });
  } catch (error) {
    throw isMageosError(error) && error.code !== 'ERR_INTERNAL' ? unreachable(error) : error;
  }
  try {
    const listing = await repository.versions(PRODUCT).catch((error: unknown) => Promise.reject(unreachable(error)));
    const product = listing?.versions.find((v) => v.version === magentoVersion);
    if (product === undefined) {
      const known = (listing?.versions ?? []).map((v) => v.version).slice(0, 12);
      throw new MageosError('ERR_CONFIG_INVALID', `the upstream repository ${location} has no ${PRODUCT} ${magentoVersion}`, {
        hint: known.length > 0 ? `It has: ${known.join(', ')}. Set "distribution.upstream.version" (or --upstream-version) to one of them.` : `It serves no ${PRODUCT} at all: is it a Magento Open Source repository?`,
      });
    }
    const versions = new Map([[PRODUCT, magentoVersion]]);
    const require = product.metadata.require;
    if (typeof require === 'object' && require !== null && !Array.isArray(require)) {
      for (const [name, constraint] of Object.entries(require as Record<string, unknown>)) {
        if (name.startsWith(`${UPSTREAM_VENDOR}/`) && typeof constraint === 'string' && isValidVersion(constraint.trim())) versions.set(name.toLowerCase(), constraint.trim());
      }
    }
    versions.set(`${UPSTREAM_VENDOR}/project-community-edition`, magentoVersion);
    return versions;
  } finally {
    await repository.close();
  }
}
