import type { FastImportStream } from './fast-import-stream.js';
import { composerJson } from './file-content.js';
import { LIBRARY_PATTERNS, libraryPaths } from './module-files.js';
import { PackageFiles } from './package-files.js';
import { SeededRandom } from './seeded-random.js';
import type { SyntheticHistory, SyntheticSettings } from './synthetic-history.js';

/** The 'root-package' layout: one library whose composer.json (without a version) sits at the repository root. */
export class RootLibrary implements SyntheticHistory {
  readonly packages: ReadonlyArray<{ name: string; dir: string }>;
  readonly metapackage = null;
  private readonly name: string;
  private readonly files: PackageFiles;

  constructor(private readonly settings: SyntheticSettings) {
    const { vendor, vendorTitle, seed, filesPerPackage } = settings;
    this.name = `${vendor}/${vendor}-library`;
    this.packages = [{ name: this.name, dir: '' }];
    this.files = new PackageFiles({
      dir: '',
      key: `${seed}/library`,
      context: { vendorTitle, namespace: `${vendorTitle}\\Library`, moduleName: `${vendorTitle}_Library`, sequence: [], sourceRoot: 'src/' },
      paths: ['README.md', ...libraryPaths(SeededRandom.derive(seed, 'library'), filesPerPackage)],
      patterns: LIBRARY_PATTERNS,
      executable: settings.executableFiles ? 'bin/console.sh' : null,
      symlink: settings.symlinks ? 'docs/README.md' : null,
    });
  }

  async release(index: number, stream: FastImportStream): Promise<void> {
    const { vendorTitle, seed, changeRate, filesPerPackage } = this.settings;
    if (index === 0) {
      stream.modify('composer.json', composerJson({
        name: this.name,
        description: `${vendorTitle} library`,
        type: 'library',
        license: 'MIT',
        require: { php: '>=8.1' },
        autoload: { 'psr-4': { [`${vendorTitle}\\Library\\`]: 'src/' } },
      }));
      this.files.writeAll(stream);
    } else if (changeRate > 0) {
      this.files.edit(SeededRandom.derive(seed, 'edit', index), Math.round(changeRate * filesPerPackage), stream);
    }
    await stream.flush();
  }
}
