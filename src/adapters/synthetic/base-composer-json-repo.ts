import { join, resolve } from 'node:path';
import { MageosError } from '../../core/errors.js';
import { runGit } from '../git/git-command.js';
import { FastImportStream } from './fast-import-stream.js';
import { composerJson } from './file-content.js';
import type { MagentoMonorepo } from './magento-monorepo.js';
import { MAGENTO_LICENSE } from './magento-package.js';
import { AUTHOR, COMMITTER, DAY, GIT_ENV, prepareDirectory, START_TIME } from './synthetic-source.js';

export interface BaseComposerJsonRepoOptions {
  /** Created; must not exist or be empty. */
  dir: string;
  monorepo: MagentoMonorepo;
  /** Releases of the monorepo to cover, each one directory `<release>/`. */
  releases: string[];
}

export interface BaseComposerJsonRepo {
  dir: string;
  releases: string[];
}

/** Paths of the monorepo that are not part of magento/magento2-base (see docs of the archive format). */
const NOT_IN_BASE = ['app/code/', 'app/design/frontend/', 'app/design/adminhtml/', 'app/i18n/', 'lib/internal/Magento/Framework/', '.github/'];
const NOT_IN_BASE_FILES = new Set(['composer.json', 'composer.lock', '.gitignore', 'app/etc/vendor_path.php', 'dev/tests/static/testsuite/Magento/Test/Legacy/FilesystemTest.php']);
/** The map deploys a path deeper than this many segments with its ancestor directory at this depth. */
const MAP_DEPTH = 3;

/**
 * Generates a git repository shaped like mage-os/magento2-base-composer-json: for each covered release, the official
 * composer.json of magento2-base, product-community-edition and project-community-edition, all in one commit on main.
 * The content follows the monorepo at each release tag (its root requirements and files, its package versions).
 */
export async function createBaseComposerJsonRepo(options: BaseComposerJsonRepoOptions): Promise<BaseComposerJsonRepo> {
  const { monorepo, releases } = options;
  checkReleases(monorepo, releases);
  const dir = resolve(options.dir);
  await prepareDirectory(dir);
  await runGit(null, ['init', '--quiet', '--initial-branch=main', dir], { env: GIT_ENV });
  const sourceGitDir = join(monorepo.dir, '.git');
  const stream = FastImportStream.start(join(dir, '.git'), GIT_ENV);
  try {
    for (const release of releases) {
      const ref = `refs/tags/${release}`;
      const root = JSON.parse((await runGit(sourceGitDir, ['show', `${ref}:composer.json`])).stdout.toString('utf8')) as { require?: Record<string, string> };
      const tree = (await runGit(sourceGitDir, ['ls-tree', '-r', '--name-only', '-z', ref])).stdout.toString('utf8').split('\0').filter((p) => p !== '');
      const require = root.require ?? {};
      stream.modify(`${release}/magento2-base/composer.json`, composerJson(baseJson(monorepo.vendor, release, require, tree)));
      stream.modify(`${release}/product-community-edition/composer.json`, composerJson(productJson(monorepo, release, require)));
      stream.modify(`${release}/project-community-edition/composer.json`, composerJson(projectJson(monorepo.vendor, release)));
    }
    stream.commit(`Add composer.json files of ${releases.join(', ')}\n`, AUTHOR, COMMITTER, START_TIME + monorepo.tags.length * DAY);
    await stream.finish();
  } catch (error) {
    await stream.abort();
    throw error;
  }
  await runGit(null, ['-C', dir, 'reset', '--hard', '--quiet'], { env: GIT_ENV });
  return { dir, releases: [...releases] };
}

function baseJson(vendor: string, release: string, require: Record<string, string>, tree: string[]): Record<string, unknown> {
  const deployed = tree.filter((path) => !NOT_IN_BASE_FILES.has(path) && !NOT_IN_BASE.some((prefix) => path.startsWith(prefix)));
  const targets = [...new Set(deployed.map((path) => path.split('/').slice(0, MAP_DEPTH).join('/')))].sort();
  return {
    name: `${vendor}/magento2-base`,
    description: 'Magento 2 Base (Community Edition)',
    type: 'magento2-component',
    license: MAGENTO_LICENSE,
    version: release,
    require,
    extra: {
      chmod: [{ mask: '0755', path: 'bin/magento' }],
      map: targets.map((path) => [path, path]),
    },
  };
}

function productJson(monorepo: MagentoMonorepo, release: string, require: Record<string, string>): Record<string, unknown> {
  const versions = monorepo.versions[release] ?? {};
  const packages = Object.keys(versions).sort().map((name) => [name, versions[name] as string]);
  return {
    name: `${monorepo.vendor}/product-community-edition`,
    description: 'eCommerce Platform for Growth (Community Edition)',
    type: 'metapackage',
    license: MAGENTO_LICENSE,
    version: release,
    require: { ...require, [`${monorepo.vendor}/magento2-base`]: release, ...Object.fromEntries(packages) },
  };
}

function projectJson(vendor: string, release: string): Record<string, unknown> {
  return {
    name: `${vendor}/project-community-edition`,
    description: 'eCommerce Platform for Growth (Community Edition)',
    type: 'project',
    license: MAGENTO_LICENSE,
    config: { 'preferred-install': 'dist', 'sort-packages': true },
    version: release,
    require: { [`${vendor}/product-community-edition`]: release },
    autoload: { 'exclude-from-classmap': ['**/dev/**', '**/update/**', '**/Test/**'], files: ['app/etc/NonComposerComponentRegistration.php'] },
    'minimum-stability': 'stable',
    'prefer-stable': true,
    repositories: [{ type: 'composer', url: 'https://repo.magento.com/' }],
    extra: { 'magento-force': 'override' },
  };
}

function checkReleases(monorepo: MagentoMonorepo, releases: string[]): void {
  const usage = (message: string, hint: string) => new MageosError('ERR_USAGE', `synthetic base composer.json repository: ${message}`, { hint });
  if (releases.length === 0) throw usage('releases is empty', 'Pass at least one release of the monorepo.');
  const unknown = releases.find((release) => !monorepo.tags.includes(release));
  if (unknown !== undefined) throw usage(`release "${unknown}" is not a tag of the monorepo`, `Its tags are ${monorepo.tags.join(', ')}.`);
  const duplicate = releases.find((release, i) => releases.indexOf(release) !== i);
  if (duplicate !== undefined) throw usage(`release "${duplicate}" is listed twice`, 'List each release once.');
}
