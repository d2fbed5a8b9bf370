import type { FastImportStream } from './fast-import-stream.js';
import { composerJson, fileContent, type ContentContext } from './file-content.js';
import { kebabCase, MODULE_PATTERNS, moduleDirName, modulePaths } from './module-files.js';
import { PackageFiles } from './package-files.js';
import { SeededRandom } from './seeded-random.js';
import type { SyntheticHistory, SyntheticSettings } from './synthetic-history.js';

const LICENSE = ['OSL-3.0', 'AFL-3.0'];
const PHP = '~8.1.0||~8.2.0';
const METAPACKAGE_DIR = '_metapackage';
const ROOT_FILES = ['.github/workflows/ci.yml', 'dev/tests/phpunit.xml'];

interface Module {
  dir: string;
  name: string;
  description: string;
  version: [number, number, number];
  deps: number[];
  require: Record<string, string>;
  files: PackageFiles;
}

/**
 * The 'modules' layout, shaped like mage-os/mirror-security-package: one Magento module per root directory, each with
 * its own version that is bumped only when its content changes, and a metapackage that pins every module per release.
 */
export class ModuleSuite implements SyntheticHistory {
  readonly packages: Array<{ name: string; dir: string }>;
  readonly metapackage: string;
  private readonly modules: Module[];
  private readonly context: ContentContext;

  constructor(private readonly settings: SyntheticSettings) {
    const { vendor, vendorTitle, seed, packages } = settings;
    const layout = SeededRandom.derive(seed, 'layout');
    const executable = new Set(settings.executableFiles ? layout.sample(indices(packages), Math.max(1, Math.round(packages / 8))) : []);
    const symlink = settings.symlinks ? layout.below(packages) : -1;
    this.modules = indices(packages).map((index) => {
      const dir = moduleDirName(index);
      const r = SeededRandom.derive(seed, 'module', index);
      const deps = r.sample(indices(index), r.below(Math.min(index, 3) + 1)).sort((a, b) => a - b);
      const context: ContentContext = {
        vendorTitle,
        namespace: `${vendorTitle}\\${dir}`,
        moduleName: `${vendorTitle}_${dir}`,
        sequence: deps.map((d) => `${vendorTitle}_${moduleDirName(d)}`),
        sourceRoot: '',
      };
      const files = new PackageFiles({
        dir,
        key: `${seed}/${dir}`,
        context,
        paths: modulePaths(r, settings.filesPerPackage).slice(1),
        patterns: MODULE_PATTERNS,
        executable: executable.has(index) ? `bin/check-${kebabCase(dir)}.sh` : null,
        symlink: symlink === index ? 'docs/README.md' : null,
      });
      const version: Module['version'] = [r.pick([1, 1, 1, 2, 3]), r.below(4), r.below(5)];
      return { dir, name: `${vendor}/module-${kebabCase(dir)}`, description: `${dir} module for ${vendorTitle}`, version, deps, require: {}, files };
    });
    this.packages = this.modules.map((m) => ({ name: m.name, dir: m.dir }));
    this.metapackage = `${vendor}/${vendor}-package-suite`;
    this.context = { vendorTitle, namespace: vendorTitle, moduleName: `${vendorTitle}_PackageSuite`, sequence: [], sourceRoot: '' };
  }

  async release(index: number, stream: FastImportStream): Promise<void> {
    const { seed, changeRate } = this.settings;
    if (index === 0) {
      for (const path of ROOT_FILES) stream.modify(path, fileContent(path, this.context, `${seed}/root`, 0));
      stream.modify(`${METAPACKAGE_DIR}/README.md`, fileContent('README.md', this.context, `${seed}/${METAPACKAGE_DIR}`, 0));
    }
    const count = index === 0 ? this.modules.length : changeRate === 0 ? 0 : Math.max(1, Math.round(changeRate * this.modules.length));
    // In index order: dependencies have lower indexes, so they get their new version before the modules requiring them.
    const changed = SeededRandom.derive(seed, 'release', index).sample(indices(this.modules.length), count).sort((a, b) => a - b);
    for (const module of changed.map((i) => this.modules[i] as Module)) {
      if (index === 0) module.files.writeAll(stream);
      else bump(module, SeededRandom.derive(seed, 'edit', module.dir, index), stream);
      module.require = { php: PHP };
      for (const dep of module.deps.map((d) => this.modules[d] as Module)) module.require[dep.name] = `^${dep.version[0]}.${dep.version[1]}`;
      stream.modify(`${module.dir}/composer.json`, composerJson(this.moduleJson(module)));
      await stream.flush();
    }
    if (changed.length > 0) stream.modify(`${METAPACKAGE_DIR}/composer.json`, composerJson(this.metapackageJson()));
  }

  private moduleJson(module: Module): Record<string, unknown> {
    return {
      name: module.name,
      description: module.description,
      type: 'magento2-module',
      license: LICENSE,
      version: module.version.join('.'),
      require: module.require,
      autoload: { files: ['registration.php'], 'psr-4': { [`${this.settings.vendorTitle}\\${module.dir}\\`]: '' } },
    };
  }

  private metapackageJson(): Record<string, unknown> {
    const sorted = [...this.modules].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return {
      name: this.metapackage,
      description: `All ${this.settings.vendorTitle} modules, each at the version of this release`,
      type: 'metapackage',
      license: LICENSE,
      require: Object.fromEntries(sorted.map((m) => [m.name, m.version.join('.')])),
    };
  }
}

/** Edits a few files of the module and raises its patch version, or now and then its minor version. */
function bump(module: Module, r: SeededRandom, stream: FastImportStream): void {
  module.files.edit(r, r.between(1, 4), stream);
  const [major, minor, patch] = module.version;
  module.version = r.chance(0.25) ? [major, minor + 1, 0] : [major, minor, patch + 1];
}

function indices(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}
