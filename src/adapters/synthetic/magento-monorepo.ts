import { join, resolve } from 'node:path';
import { runGit } from '../git/git-command.js';
import { FastImportStream } from './fast-import-stream.js';
import { magentoLanguages, magentoLibraries, magentoThemes, type ComponentRequirements } from './magento-components.js';
import { magentoModules } from './magento-modules.js';
import type { MagentoPackage, MagentoPackageType } from './magento-package.js';
import { MAGENTO_PHP, MagentoRoot, THIRD_PARTY } from './magento-root.js';
import { resolveMagentoSettings, type MagentoMonorepoOptions, type MagentoSettings } from './magento-settings.js';
import { formatVersion, releasePatchLevel } from './magento-version.js';
import { SeededRandom } from './seeded-random.js';
import { AUTHOR, COMMITTER, DAY, GIT_ENV, prepareDirectory, START_TIME } from './synthetic-source.js';

export type { MagentoMonorepoOptions } from './magento-settings.js';
export type { MagentoPackageType } from './magento-package.js';

export interface MagentoMonorepoPackage {
  name: string;
  /** Directory in the monorepo, e.g. `app/code/Magento/Catalog`. */
  dir: string;
  type: MagentoPackageType;
}

export interface MagentoMonorepo {
  dir: string;
  /** The release tags, in creation order. */
  tags: string[];
  /** Composer vendor of every package. */
  vendor: string;
  /**
   * Every package with its own directory: framework and sub-frameworks, modules, themes, language packs. The root
   * project (`<vendor>/magento2ce`, whose `replace` lists them all) and magento2-base are not in the list.
   */
  packages: MagentoMonorepoPackage[];
  /** Files in the tree at the last tag. */
  fileCount: number;
  /** tag → package name → the package's own version at that tag. */
  versions: Record<string, Record<string, string>>;
}

/**
 * Generates a small git repository shaped like magento/magento2: one tagged commit per release, written through one
 * `git fast-import` stream, then main checked out. A release changes a random share of the packages and bumps only
 * their versions. The result is the same for the same options, commit ids included.
 */
export async function createMagentoMonorepo(options: MagentoMonorepoOptions): Promise<MagentoMonorepo> {
  const settings = resolveMagentoSettings(options);
  const dir = resolve(options.dir);
  await prepareDirectory(dir);
  await runGit(null, ['init', '--quiet', '--initial-branch=main', dir], { env: GIT_ENV });
  const packages = magentoPackages(settings);
  const root = new MagentoRoot(settings);
  const names = packages.map((p) => p.name);
  const versions: Record<string, Record<string, string>> = {};
  const stream = FastImportStream.start(join(dir, '.git'), GIT_ENV);
  try {
    for (const [index, release] of settings.releases.entries()) {
      await writeRelease(settings, index, packages, root, stream);
      root.writeRelease(release, names, stream);
      stream.tag(release, stream.commit(`Release ${release}\n`, AUTHOR, COMMITTER, START_TIME + index * DAY));
      versions[release] = Object.fromEntries(packages.map((p) => [p.name, formatVersion(p.version)]));
    }
    await stream.finish();
  } catch (error) {
    await stream.abort();
    throw error;
  }
  await runGit(null, ['-C', dir, 'reset', '--hard', '--quiet'], { env: GIT_ENV });
  return {
    dir,
    tags: [...settings.releases],
    vendor: settings.vendor,
    packages: packages.map((p) => ({ name: p.name, dir: p.dir, type: p.type })),
    fileCount: stream.paths.size,
    versions,
  };
}

function magentoPackages(settings: MagentoSettings): MagentoPackage[] {
  const frameworkExtra = settings.thirdParty ? Object.fromEntries(THIRD_PARTY.slice(0, 3).map(([name, constraint]) => [name, constraint])) : {};
  const needs: ComponentRequirements = { php: MAGENTO_PHP, frameworkExtra };
  const libraries = magentoLibraries(settings, needs);
  const framework = (libraries[0] as MagentoPackage).version;
  return [
    ...libraries,
    ...magentoModules(settings, { vendor: settings.vendor, php: MAGENTO_PHP, framework }),
    ...magentoThemes(settings, needs, framework),
    ...magentoLanguages(settings, needs, framework),
  ];
}

/** Release 0 writes everything; a later one changes a random share of the packages and of the root files. */
async function writeRelease(settings: MagentoSettings, index: number, packages: MagentoPackage[], root: MagentoRoot, stream: FastImportStream): Promise<void> {
  const { seed } = settings;
  if (index === 0) {
    root.writeAll(stream);
    for (const pkg of packages) {
      pkg.writeAll(stream);
      await stream.flush();
    }
    return;
  }
  const release = settings.releases[index] as string;
  const changeRate = releasePatchLevel(release) > 0 ? settings.patchChangeRate : settings.changeRate;
  const share = (total: number) => (changeRate === 0 ? 0 : Math.max(1, Math.round(changeRate * total)));
  const all = packages.map((_, i) => i);
  const changed = SeededRandom.derive(seed, 'magento-release', index).sample(all, share(packages.length)).sort((a, b) => a - b);
  for (const pkg of changed.map((i) => packages[i] as MagentoPackage)) {
    pkg.change(SeededRandom.derive(seed, 'magento-edit', pkg.dir, index), releasePatchLevel(release), stream);
    await stream.flush();
  }
  if (changeRate === 0) return;
  root.change(SeededRandom.derive(seed, 'magento-root-edit', index), share(root.fileCount), stream);
  root.changeGenerated(SeededRandom.derive(seed, 'magento-root-files-edit', index), share(settings.rootFiles), stream);
}
