import { createLimiter } from '../../adapters/composer-repository/limiter.js';
import type { ComposerRepository, PackageVersion } from '../../adapters/composer-repository/repository.js';
import { archivePath } from '../builder/archive-path.js';
import { ArchiveLookups } from './archive-reads.js';
import type { Pair } from './compare-version-pair.js';
import type { SideArchive } from './package-side.js';
import { type OnVerifyProgress, withProgress } from './verify-progress.js';

/** Where mageos-repo writes a version's archive, as a URL path relative to the repository root; null when the version cannot be a file name. */
function usualArchiveRef(v: PackageVersion): string | null {
  const segments = archivePath(v.name, v.version).split('/');
  return segments.length === 3 ? segments.map(encodeURIComponent).join('/') : null;
}

/**
 * Which archive a side is read from: its dist; or, for a metapackage without one compared with a version that
 * has an archive, the archive at its usual path (a build writes it, the metadata leaves it out), so that
 * archive is compared with archive; else none (the metadata stands in).
 */
function archiveRef(v: PackageVersion, other: PackageVersion): { url: string; shasum: string; optional?: boolean } | null {
  if (v.dist !== null) return { url: v.dist.url, shasum: v.dist.shasum };
  if (v.metadata.type !== 'metapackage' || other.dist === null) return null;
  const url = usualArchiveRef(v);
  return url === null ? null : { url, shasum: '', optional: true };
}

type SideVersions = { ours: PackageVersion; reference: PackageVersion };

/** Looks up (downloads) the archives of every pair's two sides, each URL once per repository. */
export async function locatePairs(sides: SideVersions[], ours: ComposerRepository, reference: ComposerRepository, concurrency: number, onProgress?: OnVerifyProgress): Promise<Pair[]> {
  const limit = createLimiter(concurrency);
  const lookups = { ours: new ArchiveLookups(ours), reference: new ArchiveLookups(reference) };
  const locate = async (side: 'ours' | 'reference', v: PackageVersion, other: PackageVersion): Promise<SideArchive | null> => {
    const ref = archiveRef(v, other);
    if (ref === null) return null;
    return { url: ref.url, lookup: await lookups[side].lookup(ref), ...(ref.optional ? { optional: true } : {}) };
  };
  return withProgress(sides, 'archives', onProgress, (s) =>
    limit(async () => {
      const [oursArchive, referenceArchive] = await Promise.all([locate('ours', s.ours, s.reference), locate('reference', s.reference, s.ours)]);
      return { ours: { version: s.ours, archive: oursArchive }, reference: { version: s.reference, archive: referenceArchive } };
    }),
  );
}
