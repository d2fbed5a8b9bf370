import type { FastImportStream } from './fast-import-stream.js';
import { composerJson, fileContent, type ContentContext } from './file-content.js';
import { bumpVersion, formatVersion, type MagentoVersion } from './magento-version.js';
import type { PackageFiles } from './package-files.js';
import type { SeededRandom } from './seeded-random.js';

export type MagentoPackageType = 'magento2-module' | 'magento2-theme' | 'magento2-language' | 'magento2-library';

export const MAGENTO_LICENSE = ['OSL-3.0', 'AFL-3.0'];

export interface MagentoPackageSetup {
  name: string;
  /** Directory in the monorepo, e.g. `app/code/Magento/Catalog`. */
  dir: string;
  type: MagentoPackageType;
  description: string;
  version: MagentoVersion;
  require: Record<string, string>;
  autoload: Record<string, unknown>;
  /** Files written once and never changed (registration.php, theme.xml, …): path relative to dir → content. */
  fixed: ReadonlyArray<readonly [string, string]>;
  /** Files every release keeps at the same path; a change rewrites one block of some of them. Not empty. */
  core: readonly string[];
  /** Further files, which changes may also add and remove; null for none. */
  extras: PackageFiles | null;
  /** Seeds the content of the core files. */
  key: string;
  context: ContentContext;
}

/** One package of the monorepo across releases: its files, and its own version, bumped when they change. */
export class MagentoPackage {
  private readonly revisions: Map<string, number>;
  private current: MagentoVersion;

  constructor(private readonly setup: MagentoPackageSetup) {
    this.revisions = new Map(setup.core.map((path) => [path, 0]));
    this.current = setup.version;
  }

  get name(): string {
    return this.setup.name;
  }

  get dir(): string {
    return this.setup.dir;
  }

  get type(): MagentoPackageType {
    return this.setup.type;
  }

  get version(): MagentoVersion {
    return this.current;
  }

  writeAll(stream: FastImportStream): void {
    for (const [path, content] of this.setup.fixed) stream.modify(`${this.setup.dir}/${path}`, content);
    for (const path of this.setup.core) this.writeCore(stream, path);
    this.setup.extras?.writeAll(stream);
    this.writeComposerJson(stream);
  }

  /** Edits a few files (now and then one extra file is replaced by another) and bumps the version. */
  change(r: SeededRandom, patchLevel: number, stream: FastImportStream): void {
    for (const path of r.sample(this.setup.core, r.between(1, 2))) {
      this.revisions.set(path, (this.revisions.get(path) ?? 0) + 1);
      this.writeCore(stream, path);
    }
    if (this.setup.extras !== null && r.chance(0.6)) this.setup.extras.edit(r, r.between(1, 2), stream);
    this.current = bumpVersion(this.current, patchLevel);
    this.writeComposerJson(stream);
  }

  private writeCore(stream: FastImportStream, path: string): void {
    const { dir, context, key } = this.setup;
    stream.modify(`${dir}/${path}`, fileContent(path, context, key, this.revisions.get(path) ?? 0));
  }

  private writeComposerJson(stream: FastImportStream): void {
    const { name, description, type, require, autoload, dir } = this.setup;
    const json = { name, description, type, license: MAGENTO_LICENSE, version: formatVersion(this.current), require, autoload };
    stream.modify(`${dir}/composer.json`, composerJson(json));
  }
}
