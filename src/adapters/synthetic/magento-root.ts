import { createHash } from 'node:crypto';
import type { FastImportStream } from './fast-import-stream.js';
import { composerJson, fileContent, type ContentContext } from './file-content.js';
import { MAGENTO_LICENSE } from './magento-package.js';
import { generatedRootFiles } from './magento-root-files.js';
import { EXECUTABLE_ROOT_FILES, HTACCESS_PATHS, STATIC_ROOT_FILES } from './magento-root-texts.js';
import type { MagentoSettings } from './magento-settings.js';
import type { PackageFiles } from './package-files.js';
import type { SeededRandom } from './seeded-random.js';

export const MAGENTO_PHP = '~8.1.0||~8.2.0||~8.3.0';

/** Third-party requirements with `thirdParty`: name, constraint, the version composer.lock pins. */
export const THIRD_PARTY: ReadonlyArray<readonly [string, string, string]> = [
  ['colinmollenhour/credis', '^1.15', '1.16.0'],
  ['guzzlehttp/guzzle', '^7.8', '7.8.1'],
  ['laminas/laminas-code', '^4.13', '4.14.0'],
  ['monolog/monolog', '^3.6', '3.6.0'],
  ['symfony/console', '^6.4', '6.4.8'],
];

/** Root files whose content a release may change: area directory, PHP namespace, paths inside the area. */
const ROOT_AREAS: ReadonlyArray<{ dir: string; namespace: string; files: string[] }> = [
  { dir: 'setup/src/Magento/Setup', namespace: 'Magento\\Setup', files: ['Console/Command/InstallCommand.php', 'Model/Installer.php', 'Test/Unit/Model/InstallerTest.php'] },
  { dir: 'dev/tests/static/testsuite/Magento/Test/Legacy', namespace: 'Magento\\Test\\Legacy', files: ['FilesystemTest.php', 'LayoutTest.php'] },
  { dir: 'dev/tests/static/testsuite/Magento/Test/Php', namespace: 'Magento\\Test\\Php', files: ['LiveCodeTest.php'] },
  { dir: 'lib/web', namespace: 'Magento', files: ['jquery.js', 'mage/translate.js', 'mage/validation.js', 'css/source/lib/_buttons.less'] },
  { dir: 'app/etc', namespace: 'Magento\\Framework', files: ['di.xml'] },
  { dir: '.github/workflows', namespace: 'Magento', files: ['ci.yml'] },
  { dir: '', namespace: 'Magento', files: ['nginx.conf.sample', 'CHANGELOG.md'] },
];

interface RootFile {
  path: string;
  relative: string;
  context: ContentContext;
  revision: number;
}

/** The files of the monorepo outside its packages: what magento/magento2-base and the root project are built from. */
export class MagentoRoot {
  readonly require: Record<string, string>;
  private readonly files: RootFile[];
  private readonly generated: PackageFiles | null;
  private readonly key: string;

  constructor(private readonly settings: MagentoSettings) {
    this.key = `${settings.seed}/root`;
    this.require = { php: MAGENTO_PHP, ...(settings.thirdParty ? Object.fromEntries(THIRD_PARTY.map(([name, constraint]) => [name, constraint])) : {}) };
    this.files = ROOT_AREAS.flatMap(({ dir, namespace, files }) =>
      files.map((relative) => ({
        path: dir === '' ? relative : `${dir}/${relative}`,
        relative,
        context: { vendorTitle: 'Magento', namespace, moduleName: namespace.replaceAll('\\', '_'), sequence: [], sourceRoot: '' },
        revision: 0,
      })),
    );
    const taken = [...STATIC_ROOT_FILES.map(([path]) => path), ...EXECUTABLE_ROOT_FILES.map(([path]) => path), ...this.files.map((f) => f.path)];
    this.generated = generatedRootFiles(settings.seed, settings.rootFiles, taken);
  }

  writeAll(stream: FastImportStream): void {
    const context = this.files[0]?.context as ContentContext;
    for (const [path, content] of STATIC_ROOT_FILES) stream.modify(path, content);
    for (const [path, content] of EXECUTABLE_ROOT_FILES) stream.modify(path, content, '100755');
    for (const path of [...HTACCESS_PATHS, 'LICENSE.txt']) stream.modify(path, fileContent(path, context, this.key, 0));
    for (const file of this.files) this.write(stream, file);
    this.generated?.writeAll(stream);
  }

  /** Rewrites one block of `count` root files (at least one). */
  change(r: SeededRandom, count: number, stream: FastImportStream): void {
    for (const file of r.sample(this.files, Math.max(1, count))) {
      file.revision++;
      this.write(stream, file);
    }
  }

  get fileCount(): number {
    return this.files.length;
  }

  /** Edits `count` of the generated root files (at least one), if there are any. */
  changeGenerated(r: SeededRandom, count: number, stream: FastImportStream): void {
    this.generated?.edit(r, count, stream);
  }

  /** composer.json (version = release, `replace` = every package) and a matching composer.lock. */
  writeRelease(release: string, packageNames: readonly string[], stream: FastImportStream): void {
    const json = composerJson({
      name: `${this.settings.vendor}/magento2ce`,
      description: 'Magento 2 (Open Source)',
      type: 'project',
      license: MAGENTO_LICENSE,
      config: { 'preferred-install': 'dist', 'sort-packages': true },
      version: release,
      require: this.require,
      autoload: {
        'exclude-from-classmap': ['**/dev/**/Fixtures/**', '**/Test/**'],
        files: ['app/etc/NonComposerComponentRegistration.php'],
        'psr-0': { '': ['app/code/', 'generated/code/'] },
        'psr-4': { 'Magento\\': 'app/code/Magento/', 'Magento\\Framework\\': 'lib/internal/Magento/Framework/', 'Magento\\Setup\\': 'setup/src/Magento/Setup/' },
      },
      'minimum-stability': 'stable',
      'prefer-stable': true,
      replace: Object.fromEntries([...packageNames].sort().map((name) => [name, '*'])),
      extra: { component_paths: { 'components/jquery': ['lib/web/jquery.js'] } },
    });
    stream.modify('composer.json', json);
    stream.modify('composer.lock', composerJson({
      _readme: ['This file locks the dependencies of your project to a known state', 'This file is @generated automatically'],
      'content-hash': createHash('md5').update(json).digest('hex'),
      packages: this.settings.thirdParty ? THIRD_PARTY.map(([name, , version]) => ({ name, version, type: 'library' })) : [],
      'packages-dev': [],
      aliases: [],
      'minimum-stability': 'stable',
      'stability-flags': {},
      'prefer-stable': true,
      'prefer-lowest': false,
      platform: { php: MAGENTO_PHP },
      'platform-dev': {},
      'plugin-api-version': '2.6.0',
    }));
  }

  private write(stream: FastImportStream, file: RootFile): void {
    stream.modify(file.path, fileContent(file.relative, file.context, `${this.key}/${file.path}`, file.revision));
  }
}
