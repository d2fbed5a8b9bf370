import type { FastImportStream } from './fast-import-stream.js';

/** The options of createSyntheticSource after validation and defaults. */
export interface SyntheticSettings {
  vendor: string;
  /** The vendor as a PHP namespace segment: `acme` → `Acme`. */
  vendorTitle: string;
  packages: number;
  filesPerPackage: number;
  changeRate: number;
  seed: number;
  executableFiles: boolean;
  symlinks: boolean;
}

/** One repository layout: its packages, and the file changes that make each release. */
export interface SyntheticHistory {
  readonly packages: ReadonlyArray<{ name: string; dir: string }>;
  readonly metapackage: string | null;
  /** Writes the changes of release `index` (0 writes everything) into the stream, without committing. */
  release(index: number, stream: FastImportStream): Promise<void>;
}
