import type { SeededRandom } from './seeded-random.js';

const PREFIXES = [
  'TwoFactor', 'ReCaptcha', 'Security', 'Login', 'Password', 'Session', 'Token', 'Captcha', 'Admin', 'Customer', 'Newsletter', 'Review',
  'Contact', 'Payment', 'Webapi', 'GraphQl', 'Sales', 'Catalog', 'Cms', 'Store', 'Theme', 'Email', 'Integration', 'Wishlist',
];
const SUFFIXES = [
  'Auth', 'Checkout', 'Frontend', 'Ui', 'Api', 'Validation', 'Txt', 'Config', 'Guard', 'Limiter',
  'Policy', 'Notifier', 'Storage', 'Audit', 'Migration', 'Import', 'Export', 'Form', 'Widget', 'Sync',
];
const EXTRA = ['Plus', 'Core', 'Lite', 'Legacy', 'Next', 'Bridge', 'Extra', 'Compat'];

export const NOUNS = [
  'Token', 'Session', 'Request', 'Secret', 'Challenge', 'Policy', 'Attempt', 'Counter', 'Device', 'Channel',
  'Config', 'Provider', 'Validator', 'Resolver', 'Handler', 'Builder', 'Factory', 'Repository', 'Manager', 'Storage',
  'Filter', 'Mapper', 'Result', 'Scope', 'Email', 'Customer', 'Order', 'Quote', 'Form', 'Field',
  'Widget', 'Log', 'Cache', 'Queue', 'Key', 'Limit', 'Notice', 'Rule', 'Action', 'State',
];

/** Paths every module has, in this order; the first is the package's composer.json. */
export const MODULE_BASE_FILES = ['composer.json', 'registration.php', 'etc/module.xml', 'README.md'];

const MODULE_OPTIONAL_FILES = [
  'etc/di.xml', 'i18n/en_US.csv', 'etc/config.xml', 'etc/acl.xml', 'etc/adminhtml/system.xml', 'etc/frontend/routes.xml',
  'view/frontend/web/css/source/_module.less', 'etc/webapi.xml', 'i18n/de_DE.csv', 'etc/db_schema.xml', 'etc/events.xml', 'i18n/fr_FR.csv',
];

export type PathPattern = (r: SeededRandom) => string;

export const MODULE_PATTERNS: PathPattern[] = [
  (r) => `Api/${className(r)}Interface.php`,
  (r) => `Api/Data/${className(r)}Interface.php`,
  (r) => `Model/${className(r)}.php`,
  (r) => `Model/${r.pick(NOUNS)}.php`,
  (r) => `Model/${r.pick(NOUNS)}/${className(r)}.php`,
  (r) => `Model/ResourceModel/${className(r)}.php`,
  (r) => `Block/Adminhtml/${className(r)}.php`,
  (r) => `Controller/Index/${r.pick(NOUNS)}.php`,
  (r) => `Plugin/${className(r)}Plugin.php`,
  (r) => `Observer/${className(r)}Observer.php`,
  (r) => `view/frontend/templates/${snakeCase(className(r))}.phtml`,
  (r) => `view/adminhtml/templates/${snakeCase(className(r))}.phtml`,
  (r) => `view/frontend/layout/${snakeCase(className(r))}_index.xml`,
  (r) => `view/frontend/web/js/${kebabCase(className(r))}.js`,
  (r) => `Test/Unit/Model/${className(r)}Test.php`,
];

const LIBRARY_DIRS = ['Client', 'Config', 'Exception', 'Http', 'Model', 'Util', 'Validator', 'Event'];

export const LIBRARY_PATTERNS: PathPattern[] = [
  (r) => `src/${r.pick(LIBRARY_DIRS)}/${className(r)}.php`,
  (r) => `src/${r.pick(LIBRARY_DIRS)}/${className(r)}Interface.php`,
  (r) => `src/${r.pick(LIBRARY_DIRS)}/${r.pick(NOUNS)}/${className(r)}.php`,
  (r) => `src/Resources/config/${snakeCase(className(r))}.xml`,
];

/** The directory name of the module with this index: unique per index, and the same for every seed. */
export function moduleDirName(index: number): string {
  const pairs = PREFIXES.length * SUFFIXES.length;
  const inRound = index % pairs;
  const column = inRound % PREFIXES.length;
  const prefix = PREFIXES[column] as string;
  // Walks the suffixes diagonally so that neighbouring modules do not share one; still one pair per index.
  const suffix = SUFFIXES[(column + Math.floor(inRound / PREFIXES.length)) % SUFFIXES.length] as string;
  const round = Math.floor(index / pairs);
  if (round === 0) return prefix + suffix;
  const extra = EXTRA[(round - 1) % EXTRA.length] as string;
  const cycle = Math.floor((round - 1) / EXTRA.length);
  return prefix + suffix + extra + (cycle === 0 ? '' : String(cycle + 1));
}

/** `count` distinct file paths of one module, the base files first; `.htaccess` in some. */
export function modulePaths(r: SeededRandom, count: number): string[] {
  const optional = [...MODULE_OPTIONAL_FILES];
  if (r.chance(0.3)) optional.splice(1 + r.below(optional.length - 1), 0, '.htaccess');
  const paths = new Set(MODULE_BASE_FILES.slice(0, count));
  while (paths.size < count) {
    const first = optional[0];
    if (first !== undefined && (paths.size === MODULE_BASE_FILES.length || r.chance(0.25))) {
      paths.add(first);
      optional.shift();
    } else {
      paths.add(freshPath(r, MODULE_PATTERNS, paths));
    }
  }
  return [...paths];
}

/** `count` distinct PHP and config file paths under src/. */
export function libraryPaths(r: SeededRandom, count: number): string[] {
  const paths = new Set<string>();
  while (paths.size < count) paths.add(freshPath(r, LIBRARY_PATTERNS, paths));
  return [...paths];
}

/** A path from a random pattern that is not taken yet. */
export function freshPath(r: SeededRandom, patterns: readonly PathPattern[], taken: ReadonlySet<string>): string {
  for (let attempt = 0; ; attempt++) {
    const path = r.pick(patterns)(r);
    if (!taken.has(path)) return path;
    if (attempt >= 8) {
      const numbered = path.replace(/(\.[a-z]+)$/, `${attempt}$1`);
      if (!taken.has(numbered)) return numbered;
    }
  }
}

export function className(r: SeededRandom): string {
  const first = r.pick(NOUNS);
  const second = r.pick(NOUNS);
  return first === second ? first : first + second;
}

export function kebabCase(camel: string): string {
  return camel.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

export function snakeCase(camel: string): string {
  return camel.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
