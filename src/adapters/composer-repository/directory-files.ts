import { readFile, realpath, stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localArchive } from './file-sha1.js';
import { fileInsideRoot, type RootLookup } from './inside-root.js';
import type { ArchiveLookup, RepositoryAccess, RepositoryFiles } from './repository.js';
import { MAX_METADATA_BYTES, metadataTooLarge } from './root-metadata.js';
import { parseUrl, refusedMetadata } from './url-policy.js';

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A file: URL as path segments below the root; null when it points elsewhere. */
async function fileUrlSegments(url: URL, root: string): Promise<string[] | null> {
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    return null;
  }
  const [realRoot, real] = await Promise.all([realpath(root), realpath(path).catch(() => path)]);
  const inside = relative(realRoot, real);
  return inside === '' || inside === '..' || inside.startsWith(`..${sep}`) ? null : inside.split(sep);
}

/**
 * A repository directory read as if served: a URL in its metadata is taken by its path, from the most
 * specific to the least, so that `http://mirror.example/sub/p2/a/b.json` finds `p2/a/b.json` in the directory.
 * Only files inside the directory are ever opened (see fileInsideRoot); a `file:` URL counts when it points inside.
 */
export class DirectoryFiles implements RepositoryFiles {
  constructor(
    readonly location: string,
    private readonly root: string,
  ) {}

  async readText(ref: string): Promise<string | null> {
    const found = await this.find(ref);
    if ('outside' in found) throw refusedMetadata(this.location, ref, found.outside);
    if (!('file' in found)) return null;
    if ((await stat(found.file)).size > MAX_METADATA_BYTES) throw metadataTooLarge(`${this.location} ${ref}`);
    return readFile(found.file, 'utf8');
  }

  async archive(ref: string): Promise<ArchiveLookup> {
    const found = await this.find(ref);
    if ('file' in found) return { archive: localArchive(found.file) };
    return 'outside' in found ? { refused: found.outside } : { missing: true };
  }

  access(): RepositoryAccess {
    return { repository: this.location, origin: null, allowedHosts: [], otherOrigins: [], refused: [] };
  }

  async close(): Promise<void> {}

  private async find(ref: string): Promise<RootLookup> {
    const url = parseUrl(ref, 'http://repository.invalid/');
    if (url === null) return { outside: `${JSON.stringify(ref)} is not a URL` };
    if (url.protocol === 'file:') {
      const segments = await fileUrlSegments(url, this.root);
      return segments === null ? { outside: `${url.href} is outside the repository directory ${this.root}` } : fileInsideRoot(this.root, segments);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { outside: `${url.protocol} URLs are not read` };
    const segments = url.pathname.split('/').filter((s) => s !== '').map(decodeSegment);
    for (let i = 0; i < segments.length; i++) {
      const found = await fileInsideRoot(this.root, segments.slice(i));
      if (!('absent' in found)) return found;
    }
    return segments.length === 0 ? { outside: `${url.href} names no file` } : { absent: true };
  }
}
