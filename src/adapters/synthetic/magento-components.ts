import { lines } from './content-blocks.js';
import type { ContentContext } from './file-content.js';
import { MagentoPackage } from './magento-package.js';
import { LANGUAGE_CODES, type MagentoSettings } from './magento-settings.js';
import { wildcardConstraint, type MagentoVersion } from './magento-version.js';
import { className, freshPath, NOUNS, type PathPattern } from './module-files.js';
import { PackageFiles } from './package-files.js';
import { SeededRandom } from './seeded-random.js';

const FRAMEWORK_DIR = 'lib/internal/Magento/Framework';
const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const HEADER = ['/**', ' * Copyright © Magento, Inc. All rights reserved.', ' * See COPYING.txt for license details.', ' */'];

/** Where the framework's own files live; never one of the four sub-framework directories. */
const FRAMEWORK_DIRS = ['App', 'Cache', 'Data', 'DB', 'Event', 'Filesystem', 'Model', 'ObjectManager', 'Serialize', 'Stdlib', 'Url', 'View', 'Webapi'];
const FRAMEWORK_PATTERNS: PathPattern[] = [
  (r) => `${r.pick(FRAMEWORK_DIRS)}/${className(r)}.php`,
  (r) => `${r.pick(FRAMEWORK_DIRS)}/${className(r)}Interface.php`,
  (r) => `${r.pick(FRAMEWORK_DIRS)}/${r.pick(NOUNS)}/${className(r)}.php`,
  (r) => `${r.pick(FRAMEWORK_DIRS)}/Test/Unit/${className(r)}Test.php`,
];
// None of these is a noun of NOUNS, so no extra file of the framework can take their paths.
const FRAMEWORK_CORE = [
  'App/Bootstrap.php', 'App/Http.php', 'DB/Select.php', 'DB/Adapter/Pdo/Mysql.php', 'Cache/Frontend/Pool.php', 'ObjectManager/ObjectManager.php',
  'Component/ComponentRegistrar.php', 'View/Element/Template.php',
];

interface LibrarySpec {
  dir: string;
  package: string;
  version: [number, number];
  core: string[];
  /** Other sub-frameworks it requires, by package suffix. */
  requires: string[];
}

const SUB_FRAMEWORKS: LibrarySpec[] = [
  { dir: 'Amqp', package: 'framework-amqp', version: [100, 4], core: ['Config.php', 'ConnectionFactory.php', 'Exchange.php', 'Queue.php'], requires: ['framework-message-queue'] },
  { dir: 'Bulk', package: 'framework-bulk', version: [101, 0], core: ['BulkManagementInterface.php', 'OperationInterface.php', 'BulkStatusInterface.php'], requires: [] },
  { dir: 'MessageQueue', package: 'framework-message-queue', version: [100, 4], core: ['ConsumerInterface.php', 'PublisherInterface.php', 'Consumer.php', 'Publisher.php'], requires: [] },
  { dir: 'Stomp', package: 'framework-stomp', version: [100, 4], core: ['Config.php', 'Connection/Factory.php', 'Queue.php'], requires: ['framework-message-queue'] },
];

const THEMES = [
  { area: 'frontend', name: 'blank', title: 'Magento Blank', parent: null, core: ['etc/view.xml', 'web/css/styles-m.less', 'web/css/styles-l.less', 'web/css/source/_theme.less', 'Magento_Theme/layout/default.xml', 'i18n/en_US.csv', 'web/js/theme.js'] },
  { area: 'frontend', name: 'luma', title: 'Magento Luma', parent: 'blank', core: ['etc/view.xml', 'web/css/source/_theme.less', 'web/css/source/_extends.less', 'Magento_Theme/layout/default.xml', 'Magento_Catalog/layout/catalog_product_view.xml', 'i18n/en_US.csv'] },
  { area: 'adminhtml', name: 'backend', title: 'Magento 2 backend', parent: null, core: ['etc/view.xml', 'web/css/styles.less', 'web/css/source/_extends.less', 'Magento_Backend/layout/default.xml', 'web/js/theme.js'] },
];

export interface ComponentRequirements {
  php: string;
  /** Third-party requirements of magento/framework. */
  frameworkExtra: Record<string, string>;
}

/** magento/framework, first, then its four sub-framework packages inside its directory. */
export function magentoLibraries(settings: MagentoSettings, needs: ComponentRequirements): MagentoPackage[] {
  const { seed, vendor } = settings;
  const r = SeededRandom.derive(seed, 'magento-framework');
  const framework: MagentoVersion = { major: 103, minor: 0, patch: r.below(8), patchLevel: 0 };
  const context = phpContext('Magento\\Framework');
  const key = `${seed}/${FRAMEWORK_DIR}`;
  const taken = new Set(['README.md']);
  while (taken.size < settings.frameworkFiles) taken.add(freshPath(r, FRAMEWORK_PATTERNS, taken));
  const libraries = [
    new MagentoPackage({
      name: `${vendor}/framework`,
      dir: FRAMEWORK_DIR,
      type: 'magento2-library',
      description: 'N/A',
      version: framework,
      require: { php: needs.php, ...needs.frameworkExtra },
      autoload: { files: ['registration.php'], 'psr-4': { 'Magento\\Framework\\': '' } },
      fixed: [['registration.php', registration('LIBRARY', `${vendor}/framework`)]],
      core: FRAMEWORK_CORE,
      extras: new PackageFiles({ dir: FRAMEWORK_DIR, key, context, paths: [...taken], patterns: FRAMEWORK_PATTERNS, executable: null, symlink: null }),
      key,
      context,
    }),
  ];
  const subVersions = new Map(SUB_FRAMEWORKS.map((spec): [string, MagentoVersion] => {
    const [major, minor] = spec.version;
    return [spec.package, { major, minor, patch: SeededRandom.derive(seed, spec.package).below(8), patchLevel: 0 }];
  }));
  for (const spec of SUB_FRAMEWORKS) {
    const dir = `${FRAMEWORK_DIR}/${spec.dir}`;
    const require: Record<string, string> = { php: needs.php, [`${vendor}/framework`]: wildcardConstraint(framework) };
    for (const other of spec.requires) require[`${vendor}/${other}`] = wildcardConstraint(subVersions.get(other) as MagentoVersion);
    libraries.push(new MagentoPackage({
      name: `${vendor}/${spec.package}`,
      dir,
      type: 'magento2-library',
      description: 'N/A',
      version: subVersions.get(spec.package) as MagentoVersion,
      require,
      autoload: { files: ['registration.php'], 'psr-4': { [`Magento\\Framework\\${spec.dir}\\`]: '' } },
      fixed: [['registration.php', registration('LIBRARY', `${vendor}/${spec.package}`)]],
      core: spec.core,
      extras: null,
      key: `${seed}/${dir}`,
      context: phpContext(`Magento\\Framework\\${spec.dir}`),
    }));
  }
  return libraries;
}

/** The three themes of the monorepo; luma requires blank. */
export function magentoThemes(settings: MagentoSettings, needs: ComponentRequirements, framework: MagentoVersion): MagentoPackage[] {
  const { seed, vendor } = settings;
  const versions = THEMES.map((theme): MagentoVersion => ({ major: 100, minor: 4, patch: SeededRandom.derive(seed, 'theme', theme.name).below(8), patchLevel: 0 }));
  return THEMES.map((theme, index) => {
    const dir = `app/design/${theme.area}/Magento/${theme.name}`;
    const require: Record<string, string> = { php: needs.php, [`${vendor}/framework`]: wildcardConstraint(framework) };
    const parent = THEMES.findIndex((t) => t.name === theme.parent);
    if (parent >= 0) require[`${vendor}/theme-${theme.area}-${theme.parent}`] = wildcardConstraint(versions[parent] as MagentoVersion);
    const themeXml = lines(
      '<?xml version="1.0"?>',
      '<!--',
      ...HEADER,
      '-->',
      `<theme ${XSI} xsi:noNamespaceSchemaLocation="urn:magento:framework:Config/etc/theme.xsd">`,
      `    <title>${theme.title}</title>`,
      ...(theme.parent === null ? [] : [`    <parent>Magento/${theme.parent}</parent>`]),
      '</theme>',
    );
    return new MagentoPackage({
      name: `${vendor}/theme-${theme.area}-${theme.name}`,
      dir,
      type: 'magento2-theme',
      description: 'N/A',
      version: versions[index] as MagentoVersion,
      require,
      autoload: { files: ['registration.php'] },
      fixed: [['registration.php', registration('THEME', `${theme.area}/Magento/${theme.name}`)], ['theme.xml', themeXml]],
      core: theme.core,
      extras: null,
      key: `${seed}/${dir}`,
      context: { ...phpContext('Magento\\Theme'), moduleName: `Magento_${theme.name}` },
    });
  });
}

/** Language packs `app/i18n/Magento/<xx_YY>`, named `<vendor>/language-<xx_yy>`. */
export function magentoLanguages(settings: MagentoSettings, needs: ComponentRequirements, framework: MagentoVersion): MagentoPackage[] {
  const { seed, vendor } = settings;
  return LANGUAGE_CODES.slice(0, settings.languages).map((code) => {
    const dir = `app/i18n/Magento/${code}`;
    const lower = code.toLowerCase();
    const languageXml = lines(
      '<?xml version="1.0"?>',
      '<!--',
      ...HEADER,
      '-->',
      `<language ${XSI} xsi:noNamespaceSchemaLocation="urn:magento:framework:App/Language/package.xsd">`,
      `    <code>${code}</code>`,
      '    <vendor>magento</vendor>',
      `    <package>${lower}</package>`,
      '</language>',
    );
    return new MagentoPackage({
      name: `${vendor}/language-${lower}`,
      dir,
      type: 'magento2-language',
      description: `${code} language`,
      version: { major: 100, minor: 4, patch: SeededRandom.derive(seed, 'language', code).below(8), patchLevel: 0 },
      require: { php: needs.php, [`${vendor}/framework`]: wildcardConstraint(framework) },
      autoload: { files: ['registration.php'] },
      fixed: [['registration.php', registration('LANGUAGE', `magento_${lower}`)], ['language.xml', languageXml]],
      core: [`${code}.csv`],
      extras: null,
      key: `${seed}/${dir}`,
      context: phpContext('Magento'),
    });
  });
}

function registration(kind: 'LIBRARY' | 'THEME' | 'LANGUAGE', component: string): string {
  return lines('<?php', ...HEADER, '', 'use Magento\\Framework\\Component\\ComponentRegistrar;', '', `ComponentRegistrar::register(ComponentRegistrar::${kind}, '${component}', __DIR__);`);
}

function phpContext(namespace: string): ContentContext {
  return { vendorTitle: 'Magento', namespace, moduleName: namespace.replaceAll('\\', '_'), sequence: [], sourceRoot: '' };
}
