import type { FastImportStream, FileMode } from './fast-import-stream.js';
import { fileContent, isEditable, type ContentContext } from './file-content.js';
import { freshPath, type PathPattern } from './module-files.js';
import type { SeededRandom } from './seeded-random.js';

export interface PackageFilesSetup {
  /** The package directory in the repository, '' for the root. */
  dir: string;
  /** Seeds the content of every file of the package. */
  key: string;
  context: ContentContext;
  /** Regular files (relative to dir), composer.json excluded: the layout writes that one. */
  paths: readonly string[];
  /** Where the paths of files added by later revisions come from. */
  patterns: readonly PathPattern[];
  /** A shell script written with mode 100755, or null. */
  executable: string | null;
  /** A symbolic link (mode 120000) to README.md, or null. */
  symlink: string | null;
}

interface FileState {
  revision: number;
  mode: FileMode;
}

/** The files of one synthetic package across releases: which exist, at which revision. */
export class PackageFiles {
  private readonly files = new Map<string, FileState>();

  constructor(private readonly setup: PackageFilesSetup) {
    for (const path of setup.paths) this.files.set(path, { revision: 0, mode: '100644' });
    if (setup.executable !== null) this.files.set(setup.executable, { revision: 0, mode: '100755' });
  }

  /** Writes every file, as of the first release. */
  writeAll(stream: FastImportStream): void {
    for (const [path, file] of this.files) this.write(stream, path, file);
    const link = this.setup.symlink;
    if (link !== null) stream.modify(this.fullPath(link), relativeTarget(link, 'README.md'), '120000');
  }

  /** Edits `count` files (at least one); now and then one more file is replaced by a new one under another path. */
  edit(r: SeededRandom, count: number, stream: FastImportStream): void {
    const editable = [...this.files.keys()].filter(isEditable);
    const replaceable = editable.filter((p) => p !== 'README.md' && p !== this.setup.executable);
    const replaced = replaceable.length > 1 && r.chance(0.15) ? r.pick(replaceable) : null;
    for (const path of r.sample(editable.filter((p) => p !== replaced), Math.max(1, count))) {
      const file = this.files.get(path) as FileState;
      file.revision++;
      this.write(stream, path, file);
    }
    if (replaced !== null) {
      this.files.delete(replaced);
      stream.remove(this.fullPath(replaced));
      const added = freshPath(r, this.setup.patterns, new Set([...this.files.keys(), replaced]));
      const file: FileState = { revision: 0, mode: '100644' };
      this.files.set(added, file);
      this.write(stream, added, file);
    }
  }

  private write(stream: FastImportStream, path: string, file: FileState): void {
    stream.modify(this.fullPath(path), fileContent(path, this.setup.context, this.setup.key, file.revision), file.mode);
  }

  private fullPath(path: string): string {
    return this.setup.dir === '' ? path : `${this.setup.dir}/${path}`;
  }
}

function relativeTarget(link: string, target: string): string {
  return '../'.repeat(link.split('/').length - 1) + target;
}
