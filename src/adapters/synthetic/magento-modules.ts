import { fileContent, type ContentContext } from './file-content.js';
import { MagentoPackage } from './magento-package.js';
import type { MagentoSettings } from './magento-settings.js';
import { caretConstraint, wildcardConstraint, type MagentoVersion } from './magento-version.js';
import { freshPath, kebabCase, MODULE_PATTERNS, moduleDirName, snakeCase } from './module-files.js';
import { PackageFiles } from './package-files.js';
import { SeededRandom } from './seeded-random.js';

/** Real module names, roughly in dependency order: a module only requires modules listed before it. */
const MODULE_NAMES = [
  'Store', 'Directory', 'Eav', 'Theme', 'Backend', 'Customer', 'Catalog', 'Cms', 'Config', 'Indexer', 'CatalogInventory', 'Quote',
  'Sales', 'Checkout', 'Payment', 'Tax', 'Shipping', 'SalesRule', 'CatalogRule', 'Wishlist', 'Review', 'Newsletter', 'Search',
  'CatalogSearch', 'UrlRewrite', 'CatalogUrlRewrite', 'CmsUrlRewrite', 'ConfigurableProduct', 'Bundle', 'GroupedProduct',
  'Downloadable', 'Email', 'Contact', 'Sitemap', 'Widget', 'Ui', 'MediaStorage', 'ImportExport', 'Integration', 'Webapi', 'GraphQl',
  'Cron', 'User', 'Security', 'Captcha', 'Msrp', 'Swatches', 'Variable', 'AdminNotification', 'Analytics',
];
const MODULE_MAJORS: ReadonlyArray<readonly [number, number]> = [[100, 4], [100, 4], [100, 4], [101, 0], [101, 0], [102, 0], [103, 0], [104, 0]];

export interface ModuleRequirements {
  vendor: string;
  php: string;
  framework: MagentoVersion;
}

/** The modules of app/code/Magento/, each requiring the framework and up to three modules listed before it. */
export function magentoModules(settings: MagentoSettings, needs: ModuleRequirements): MagentoPackage[] {
  const { seed, vendor } = settings;
  const names = moduleNames(settings.modules);
  const versions = names.map((_, index): MagentoVersion => {
    const r = SeededRandom.derive(seed, 'magento-module-version', index);
    const [major, minor] = r.pick(MODULE_MAJORS);
    return { major, minor, patch: r.below(8), patchLevel: 0 };
  });
  return names.map((name, index) => {
    const r = SeededRandom.derive(seed, 'magento-module', index);
    const deps = r.sample(indices(index), r.below(Math.min(index, 3) + 1)).sort((a, b) => a - b);
    const dir = `app/code/Magento/${name}`;
    const context: ContentContext = {
      vendorTitle: 'Magento',
      namespace: `Magento\\${name}`,
      moduleName: `Magento_${name}`,
      sequence: deps.map((d) => `Magento_${names[d] as string}`),
      sourceRoot: '',
    };
    const key = `${seed}/${dir}`;
    const framework = r.chance(0.5) ? wildcardConstraint(needs.framework) : caretConstraint(needs.framework);
    const require: Record<string, string> = { php: needs.php, [`${vendor}/framework`]: framework };
    for (const d of deps) require[`${vendor}/module-${kebabCase(names[d] as string)}`] = caretConstraint(versions[d] as MagentoVersion);
    // No pattern of MODULE_PATTERNS yields these paths (Service and Index are not nouns), so extra files never replace them.
    const core = ['etc/di.xml', `Model/${name}Service.php`, `view/frontend/layout/${snakeCase(name)}_index_index.xml`, `Test/Unit/Model/${name}ServiceTest.php`];
    return new MagentoPackage({
      name: `${vendor}/module-${kebabCase(name)}`,
      dir,
      type: 'magento2-module',
      description: 'N/A',
      version: versions[index] as MagentoVersion,
      require,
      autoload: { files: ['registration.php'], 'psr-4': { [`Magento\\${name}\\`]: '' } },
      fixed: ['registration.php', 'etc/module.xml'].map((path) => [path, fileContent(path, context, key, 0)] as const),
      core,
      extras: extraFiles(r, dir, key, context, core, settings.filesPerModule),
      key,
      context,
    });
  });
}

/** Distinct module directory names: the real ones first, then generated ones. */
function moduleNames(count: number): string[] {
  const names = MODULE_NAMES.slice(0, count);
  const taken = new Set(names);
  for (let i = 0; names.length < count; i++) {
    const name = moduleDirName(i);
    if (!taken.has(name)) {
      taken.add(name);
      names.push(name);
    }
  }
  return names;
}

function extraFiles(r: SeededRandom, dir: string, key: string, context: ContentContext, core: string[], filesPerModule: number): PackageFiles | null {
  const count = filesPerModule - 3 - core.length;
  if (count === 0) return null;
  const taken = new Set<string>(core);
  const paths = ['README.md'];
  taken.add('README.md');
  while (paths.length < count) {
    const path = freshPath(r, MODULE_PATTERNS, taken);
    taken.add(path);
    paths.push(path);
  }
  return new PackageFiles({ dir, key, context, paths, patterns: MODULE_PATTERNS, executable: null, symlink: null });
}

function indices(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}
