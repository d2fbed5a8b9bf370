import { MageosError } from '../../core/errors.js';
import { VENDOR } from './synthetic-source.js';

export interface MagentoMonorepoOptions {
  /** Created; must not exist or be empty. */
  dir: string;
  /** Release tags in creation order, e.g. ['2.4.6', '2.4.6-p1', '2.4.7']; each is one commit on main. */
  releases: string[];
  /** Modules under app/code/Magento/. Default 12. */
  modules?: number;
  /** Language packs under app/i18n/Magento/, at most 7. Default 2. */
  languages?: number;
  /** Files per module, composer.json included, at least 7. Default 10. */
  filesPerModule?: number;
  /** Fraction of the packages changed per release (at least one when above 0). Default 0.3. */
  changeRate?: number;
  /** The same for patch releases (`-pN`), which real Magento keeps small. Default: changeRate. */
  patchChangeRate?: number;
  /** Files of magento/framework besides its core and registration.php. Default: filesPerModule. */
  frameworkFiles?: number;
  /**
   * Generated files outside the packages (dev/tests, lib/web, setup), which magento2-base is built from; a release
   * edits the same share of them as of the packages. Default 0: only the handful of real root files.
   */
  rootFiles?: number;
  /** Same options, same commit ids. Default 1. */
  seed?: number;
  /** Composer vendor of every package; directories and PHP namespaces stay `Magento`. Default 'magento'. */
  vendor?: string;
  /** Default false: the root and the framework require only php; true adds a few third-party libraries. */
  thirdParty?: boolean;
}

/** The options of createMagentoMonorepo after validation and defaults. */
export interface MagentoSettings {
  releases: string[];
  modules: number;
  languages: number;
  filesPerModule: number;
  changeRate: number;
  patchChangeRate: number;
  frameworkFiles: number;
  rootFiles: number;
  seed: number;
  vendor: string;
  thirdParty: boolean;
}

/** Magento's language packs, in the order they are generated. */
export const LANGUAGE_CODES = ['de_DE', 'fr_FR', 'es_ES', 'nl_NL', 'pt_BR', 'zh_Hans_CN', 'en_US'];
/** composer.json, registration.php, etc/module.xml, etc/di.xml, one model, one layout and one unit test. */
export const MIN_FILES_PER_MODULE = 7;
// Versions as Magento tags them: 2.4.7, 2.4.7-p1, 2.4.8-beta1.
const RELEASE = /^\d+\.\d+\.\d+(-(p|alpha|beta|rc)\d+)?$/;

export function resolveMagentoSettings(options: MagentoMonorepoOptions): MagentoSettings {
  const settings: MagentoSettings = {
    releases: [...options.releases],
    modules: options.modules ?? 12,
    languages: options.languages ?? 2,
    filesPerModule: options.filesPerModule ?? 10,
    changeRate: options.changeRate ?? 0.3,
    patchChangeRate: options.patchChangeRate ?? options.changeRate ?? 0.3,
    frameworkFiles: options.frameworkFiles ?? options.filesPerModule ?? 10,
    rootFiles: options.rootFiles ?? 0,
    seed: options.seed ?? 1,
    vendor: options.vendor ?? 'magento',
    thirdParty: options.thirdParty ?? false,
  };
  const { modules, languages, filesPerModule, changeRate, patchChangeRate, frameworkFiles, rootFiles, seed, vendor, releases } = settings;
  if (!Number.isInteger(modules) || modules < 1) invalid(`modules must be a whole number of at least 1, got ${modules}`, 'Pass the number of modules to generate.');
  if (!Number.isInteger(languages) || languages < 0 || languages > LANGUAGE_CODES.length) {
    invalid(`languages must be a whole number from 0 to ${LANGUAGE_CODES.length}, got ${languages}`, `The language packs are ${LANGUAGE_CODES.join(', ')}.`);
  }
  if (!Number.isInteger(filesPerModule) || filesPerModule < MIN_FILES_PER_MODULE) {
    invalid(
      `filesPerModule must be a whole number of at least ${MIN_FILES_PER_MODULE}, got ${filesPerModule}`,
      'A module needs composer.json, registration.php, etc/module.xml, etc/di.xml, a model, a layout and a unit test.',
    );
  }
  for (const [name, rate] of [['changeRate', changeRate], ['patchChangeRate', patchChangeRate]] as const) {
    if (!(rate >= 0 && rate <= 1)) invalid(`${name} must be between 0 and 1, got ${rate}`, 'It is the fraction of packages changed per release.');
  }
  if (!Number.isInteger(frameworkFiles) || frameworkFiles < 1) invalid(`frameworkFiles must be a whole number of at least 1, got ${frameworkFiles}`, 'Pass the number of framework files to generate.');
  if (!Number.isInteger(rootFiles) || rootFiles < 0) invalid(`rootFiles must be a whole number of at least 0, got ${rootFiles}`, 'Pass the number of generated root files, or 0 for none.');
  if (!Number.isFinite(seed)) invalid(`seed must be a finite number, got ${seed}`, 'Any number works; the same seed gives the same repository.');
  if (!VENDOR.test(vendor)) invalid(`vendor "${vendor}" is not a Composer vendor name`, 'Use lower-case letters and digits, e.g. "magento" or "mage-os".');
  if (releases.length === 0) invalid('releases is empty', 'Pass at least one release, e.g. ["2.4.7"].');
  for (const release of releases) {
    if (!RELEASE.test(release)) invalid(`release "${release}" is not a Magento release version`, 'Use names like 2.4.7, 2.4.7-p1 or 2.4.8-beta1.');
  }
  const duplicate = releases.find((release, i) => releases.indexOf(release) !== i);
  if (duplicate !== undefined) invalid(`release "${duplicate}" is listed twice`, 'Each release is one tag; list it once.');
  return settings;
}

export function invalid(message: string, hint: string): never {
  throw new MageosError('ERR_USAGE', `synthetic Magento monorepo: ${message}`, { hint });
}
