import { readdir } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MageosError } from '../../core/errors.js';
import { isPackageName } from '../../core/package-name.js';
import { readArchiveContents } from './archive-contents.js';
import { DirectoryFiles } from './directory-files.js';
import { createLimiter } from './limiter.js';
import { packageVersion } from './package-version.js';
import type { ArchiveLookup, ComposerRepository, PackageListing, PackageVersion, RepositoryAccess } from './repository.js';

async function zipFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await zipFiles(path)));
    else if (entry.isFile() && entry.name.endsWith('.zip')) found.push(path);
  }
  return found;
}

/** `module-a-1.0.0.zip` of `acme/module-a` → "1.0.0", for archives whose composer.json has no version. */
function versionFromFileName(file: string, name: string): string | null {
  const stem = basename(file, '.zip');
  const prefix = `${name.split('/')[1] ?? name}-`;
  return stem.startsWith(prefix) && stem.length > prefix.length ? stem.slice(prefix.length) : null;
}

/**
 * A plain directory of archives (`<dir>/**\/*.zip`), each a package version named by its composer.json,
 * its version from composer.json or else the file name. Archives that name no package are left out, with a warning.
 */
export class ArchiveDirectory implements ComposerRepository {
  readonly kind = 'archives';
  readonly warnings: string[] = [];
  readonly problems: string[] = [];
  private readonly files: DirectoryFiles;
  private index: Promise<Map<string, PackageVersion[]>> | undefined;

  private constructor(
    readonly location: string,
    private readonly root: string,
    private readonly zips: string[],
  ) {
    this.files = new DirectoryFiles(location, root);
  }

  /** Fails when the directory holds no archive at all: then it is no reference. */
  static async open(location: string, root: string): Promise<ArchiveDirectory> {
    const files = await zipFiles(root);
    if (files.length === 0) {
      throw new MageosError('ERR_REPOSITORY_UNREADABLE', `${location} is neither a Composer repository (no packages.json) nor a directory of archives (no .zip files)`, {
        hint: 'Name the directory that holds packages.json, or one with the archives below it.',
      });
    }
    return new ArchiveDirectory(location, root, files);
  }

  async packageNames(): Promise<string[]> {
    return [...(await this.versionsByName()).keys()].sort();
  }

  async versions(name: string): Promise<PackageListing | null> {
    const versions = (await this.versionsByName()).get(name);
    return versions === undefined ? null : { versions, problems: [] };
  }

  archive(dist: { url: string }): Promise<ArchiveLookup> {
    return this.files.archive(dist.url);
  }

  access(): RepositoryAccess {
    return this.files.access();
  }

  async close(): Promise<void> {}

  private versionsByName(): Promise<Map<string, PackageVersion[]>> {
    this.index ??= this.readIndex();
    return this.index;
  }

  private async readIndex(): Promise<Map<string, PackageVersion[]>> {
    const limit = createLimiter(8);
    const read = await Promise.all(this.zips.map((file) => limit(() => this.readOne(file))));
    const byName = new Map<string, PackageVersion[]>();
    for (const v of read) if (v !== null) byName.set(v.name, [...(byName.get(v.name) ?? []), v]);
    return byName;
  }

  private async readOne(file: string): Promise<PackageVersion | null> {
    const where = relative(this.root, file);
    let json: Record<string, unknown>;
    try {
      const { composerJson } = await readArchiveContents(file);
      json = JSON.parse(composerJson ?? 'null') as Record<string, unknown>;
    } catch (error) {
      this.warnings.push(`${where}: left out, ${(error as Error).message}`);
      return null;
    }
    if (typeof json?.name !== 'string') {
      this.warnings.push(`${where}: left out, it holds no composer.json with a name`);
      return null;
    }
    if (!isPackageName(json.name)) {
      this.warnings.push(`${where}: left out, its composer.json names ${JSON.stringify(json.name)}, which is not a valid package name`);
      return null;
    }
    const name = json.name.toLowerCase();
    const version = typeof json.version === 'string' ? json.version : versionFromFileName(file, name);
    if (version === null) {
      this.warnings.push(`${where}: left out, neither its composer.json nor its file name gives a version`);
      return null;
    }
    const entry = { ...json, name, version, dist: { type: 'zip', url: pathToFileURL(file).href, shasum: '' } };
    const read = packageVersion(name, entry);
    if ('versionNormalized' in read) return read;
    this.warnings.push(`${where}: left out, ${read.message}`);
    return null;
  }
}
