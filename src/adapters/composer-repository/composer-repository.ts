import { MageosError } from '../../core/errors.js';
import { expandVersions } from '../../core/metadata/minify.js';
import type { VersionEntry } from '../../core/metadata/version-entry.js';
import { packageVersions } from './package-version.js';
import type { ComposerRepository, LocalArchive, PackageVersion, RepositoryFiles } from './repository.js';
import { inlinePackages, parseMetadataDocument, parseRootMetadata, providersOf, type RootMetadata } from './root-metadata.js';

type Json = Record<string, unknown>;

/** Composer 1 data: inline packages (packages.json and includes) and provider listings. */
interface Legacy {
  packages: Record<string, Json>;
  providers: Record<string, string>;
}

/** Reads a Composer repository (packages.json, p2 metadata, Composer 1 providers and includes) through its files. */
export class ComposerRepositoryReader implements ComposerRepository {
  readonly kind = 'composer';
  readonly warnings: string[] = [];
  private legacyData: Promise<Legacy> | undefined;

  private constructor(
    private readonly files: RepositoryFiles,
    private readonly root: RootMetadata,
  ) {}

  static async open(files: RepositoryFiles): Promise<ComposerRepositoryReader> {
    const text = await files.readText('packages.json');
    if (text === null) {
      throw new MageosError('ERR_REPOSITORY_UNREADABLE', `${files.location} has no packages.json`, {
        hint: 'Name the root of a Composer repository (the directory or URL that holds packages.json).',
      });
    }
    return new ComposerRepositoryReader(files, parseRootMetadata(parseMetadataDocument(text, `${files.location} packages.json`)));
  }

  get location(): string {
    return this.files.location;
  }

  async packageNames(): Promise<string[]> {
    if (this.root.availablePackages !== null) return [...new Set(this.root.availablePackages)].sort();
    const legacy = await this.legacy();
    const names = new Set([...Object.keys(legacy.packages), ...Object.keys(legacy.providers)]);
    if (names.size === 0 && this.root.metadataUrl !== null) {
      throw new MageosError('ERR_REPOSITORY_UNREADABLE', `${this.location} does not list its packages (no available-packages, providers or packages in packages.json)`, {
        hint: 'Verify a repository that lists its packages, as every repository built by mageos-repo does.',
      });
    }
    return [...names].sort();
  }

  async versions(name: string): Promise<PackageVersion[] | null> {
    if (this.root.metadataUrl !== null) {
      const [tagged, dev] = await Promise.all([this.p2(name, name), this.p2(name, `${name}~dev`)]);
      if (tagged !== null || dev !== null) return [...(tagged ?? []), ...(dev ?? [])];
      if (this.root.availablePackages !== null) return null;
    }
    const legacy = await this.legacy();
    const inline = legacy.packages[name];
    if (inline !== undefined) return packageVersions(name, inline);
    const hash = legacy.providers[name];
    if (hash === undefined || this.root.providersUrl === null) return null;
    const file = this.root.providersUrl.replace('%package%', name).replace('%hash%', hash);
    const doc = await this.document(file);
    return doc === null ? null : packageVersions(name, inlinePackages(doc)[name]);
  }

  async archive(version: PackageVersion): Promise<LocalArchive | null> {
    return version.dist === null ? null : this.files.archive(version.dist.url, version.dist.shasum);
  }

  close(): Promise<void> {
    return this.files.close();
  }

  private async p2(name: string, file: string): Promise<PackageVersion[] | null> {
    const doc = await this.document((this.root.metadataUrl as string).replace('%package%', file));
    if (doc === null) return null;
    const packages = (doc.packages ?? {}) as Record<string, unknown>;
    const listed = packages[name];
    const entries = Array.isArray(listed) && doc.minified === 'composer/2.0' ? expandVersions(listed as VersionEntry[]) : listed;
    return packageVersions(name, entries);
  }

  private async document(ref: string): Promise<Json | null> {
    const text = await this.files.readText(ref);
    return text === null ? null : parseMetadataDocument(text, `${this.location} ${ref}`);
  }

  private legacy(): Promise<Legacy> {
    this.legacyData ??= (async () => {
      const packages: Record<string, Json> = { ...this.root.packages };
      const providers: Record<string, string> = { ...this.root.providers };
      for (const file of this.root.includes) {
        for (const [name, versions] of Object.entries(inlinePackages((await this.document(file)) ?? {}))) packages[name] = { ...packages[name], ...versions };
      }
      for (const file of this.root.providerIncludes) Object.assign(providers, providersOf((await this.document(file)) ?? {}));
      return { packages, providers };
    })();
    return this.legacyData;
  }
}
