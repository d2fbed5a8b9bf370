import { isMageosError, MageosError } from '../../core/errors.js';
import { expandVersions } from '../../core/metadata/minify.js';
import type { VersionEntry } from '../../core/metadata/version-entry.js';
import { isPackageName } from '../../core/package-name.js';
import { jsonType } from '../../core/verify/metadata-entry.js';
import { packageListing } from './package-version.js';
import type { ArchiveLookup, ComposerRepository, PackageListing, RepositoryAccess, RepositoryFiles } from './repository.js';
import { inlinePackages, parseMetadataDocument, parseRootMetadata, providersOf, rootMetadataProblems, type RootMetadata } from './root-metadata.js';

type Json = Record<string, unknown>;

/** Composer 1 data: inline packages (packages.json and includes) and provider listings. */
interface Legacy {
  packages: Record<string, Json>;
  providers: Record<string, string>;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A minified list's items must each be an object before they are expanded; the others are problems. */
function expandable(listed: unknown[], where: string, listing: PackageListing): VersionEntry[] {
  const entries: VersionEntry[] = [];
  listed.forEach((item, i) => {
    if (isObject(item)) entries.push(item);
    else listing.problems.push({ version: null, message: `${where} entry ${i} is ${jsonType(item)}, not an object` });
  });
  return entries;
}

/**
 * Reads a Composer repository (packages.json, p2 metadata, Composer 1 providers and includes) through its files.
 * Damaged metadata is a problem recorded where it is found, never a reason to stop; package names become file
 * names only when they are valid Composer names.
 */
export class ComposerRepositoryReader implements ComposerRepository {
  readonly kind = 'composer';
  readonly warnings: string[] = [];
  readonly problems: string[];
  private legacyData: Promise<Legacy> | undefined;

  private constructor(
    private readonly files: RepositoryFiles,
    private readonly root: RootMetadata,
    problems: string[],
  ) {
    this.problems = problems;
  }

  static async open(files: RepositoryFiles): Promise<ComposerRepositoryReader> {
    const text = await files.readText('packages.json');
    if (text === null) {
      throw new MageosError('ERR_REPOSITORY_UNREADABLE', `${files.location} has no packages.json`, {
        hint: 'Name the root of a Composer repository (the directory or URL that holds packages.json).',
      });
    }
    try {
      const doc = parseMetadataDocument(text, `${files.location} packages.json`);
      return new ComposerRepositoryReader(files, parseRootMetadata(doc), rootMetadataProblems(doc));
    } catch (error) {
      if (!isMageosError(error) || error.code !== 'ERR_METADATA_INVALID') throw error;
      return new ComposerRepositoryReader(files, parseRootMetadata({}), [error.message]);
    }
  }

  get location(): string {
    return this.files.location;
  }

  access(): RepositoryAccess {
    return this.files.access();
  }

  async packageNames(): Promise<string[]> {
    if (this.root.availablePackages !== null) return this.validNames(this.root.availablePackages, 'available-packages');
    const legacy = await this.legacy();
    const names = this.validNames([...Object.keys(legacy.packages), ...Object.keys(legacy.providers)], 'packages.json');
    if (names.length === 0 && this.root.metadataUrl !== null && this.problems.length === 0) {
      throw new MageosError('ERR_REPOSITORY_UNREADABLE', `${this.location} does not list its packages (no available-packages, providers or packages in packages.json)`, {
        hint: 'Verify a repository that lists its packages, as every repository built by mageos-repo does.',
      });
    }
    return names;
  }

  async versions(name: string): Promise<PackageListing | null> {
    if (!isPackageName(name)) return null;
    if (this.root.metadataUrl !== null) {
      const [tagged, dev] = await Promise.all([this.p2(name, name), this.p2(name, `${name}~dev`)]);
      if (tagged !== null || dev !== null) {
        return { versions: [...(tagged?.versions ?? []), ...(dev?.versions ?? [])], problems: [...(tagged?.problems ?? []), ...(dev?.problems ?? [])] };
      }
      if (this.root.availablePackages !== null) return null;
    }
    const legacy = await this.legacy();
    const inline = legacy.packages[name];
    if (inline !== undefined) return packageListing(name, inline, 'packages.json');
    const hash = legacy.providers[name];
    if (hash === undefined || this.root.providersUrl === null) return null;
    const file = this.root.providersUrl.replace('%package%', name).replace('%hash%', hash);
    const doc = await this.document(file);
    return doc === null ? null : packageListing(name, inlinePackages(doc)[name], file);
  }

  archive(dist: { url: string; shasum: string }): Promise<ArchiveLookup> {
    return this.files.archive(dist.url, dist.shasum);
  }

  close(): Promise<void> {
    return this.files.close();
  }

  /** Listed names that are valid package names, sorted and once each; the others are problems. */
  private validNames(listed: string[], where: string): string[] {
    const names = new Set<string>();
    for (const name of listed) {
      if (isPackageName(name)) names.add(name);
      else this.problems.push(`${where} lists ${JSON.stringify(name)}, which is not a valid package name (vendor/name); it is not read`);
    }
    return [...names].sort();
  }

  private async p2(name: string, file: string): Promise<PackageListing | null> {
    const ref = (this.root.metadataUrl as string).replace('%package%', file);
    const doc = await this.document(ref);
    if (doc === null) return null;
    if (!isObject(doc.packages)) return { versions: [], problems: [{ version: null, message: `${ref}: "packages" is ${jsonType(doc.packages)}, not an object` }] };
    const listed = doc.packages[name];
    if (listed === undefined) return { versions: [], problems: [{ version: null, message: `${ref} does not list ${name}` }] };
    if (!Array.isArray(listed) || doc.minified !== 'composer/2.0') return packageListing(name, listed, ref);
    const listing: PackageListing = { versions: [], problems: [] };
    const expanded = packageListing(name, expandVersions(expandable(listed, ref, listing)), ref);
    return { versions: expanded.versions, problems: [...listing.problems, ...expanded.problems] };
  }

  private async document(ref: string): Promise<Json | null> {
    const text = await this.files.readText(ref);
    return text === null ? null : parseMetadataDocument(text, `${this.location} ${ref}`);
  }

  /** A file packages.json names (an include, a provider listing); damaged or refused, it is a problem and read as empty. */
  private async listedDocument(ref: string): Promise<Json> {
    try {
      return (await this.document(ref)) ?? {};
    } catch (error) {
      if (!isMageosError(error) || error.code !== 'ERR_METADATA_INVALID') throw error;
      this.problems.push(error.message);
      return {};
    }
  }

  private legacy(): Promise<Legacy> {
    this.legacyData ??= (async () => {
      const packages: Record<string, Json> = Object.assign(Object.create(null), this.root.packages);
      const providers: Record<string, string> = Object.assign(Object.create(null), this.root.providers);
      for (const file of this.root.includes) {
        for (const [name, versions] of Object.entries(inlinePackages(await this.listedDocument(file)))) packages[name] = { ...packages[name], ...versions };
      }
      for (const file of this.root.providerIncludes) Object.assign(providers, providersOf(await this.listedDocument(file)));
      return { packages, providers };
    })();
    return this.legacyData;
  }
}
