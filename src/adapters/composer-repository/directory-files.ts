import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localArchive } from './file-sha1.js';
import type { LocalArchive, RepositoryFiles } from './repository.js';

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * A repository directory read as if served: a URL in its metadata is taken by its path, from the most
 * specific to the least, so that `http://mirror.example/sub/p2/a/b.json` finds `p2/a/b.json` in the directory.
 */
export class DirectoryFiles implements RepositoryFiles {
  constructor(
    readonly location: string,
    private readonly root: string,
  ) {}

  async readText(ref: string): Promise<string | null> {
    const path = await this.find(ref);
    return path === null ? null : readFile(path, 'utf8');
  }

  async archive(ref: string): Promise<LocalArchive | null> {
    const path = await this.find(ref);
    return path === null ? null : localArchive(path);
  }

  async close(): Promise<void> {}

  private async find(ref: string): Promise<string | null> {
    const url = new URL(ref, 'http://repository.invalid/');
    if (url.protocol === 'file:') {
      const path = fileURLToPath(url);
      return (await isFile(path)) ? path : null;
    }
    const segments = url.pathname.split('/').filter((s) => s !== '').map(decodeSegment);
    for (let i = 0; i < segments.length; i++) {
      const path = join(this.root, ...segments.slice(i));
      if (await isFile(path)) return path;
    }
    return null;
  }
}
