import type { MageosError } from '../../core/errors.js';

/** One zip file of a place that holds ready-made zips. */
export interface StoredZip {
  /** The file name, e.g. "acme-module-a-1.0.0.zip". */
  name: string;
  /** Its path inside the store: in the git repository, or (for a directory) the file name. */
  path: string;
  /** What identifies its bytes: the git blob id, or the sha1 of the file. */
  id: string;
}

/** A directory or a git tree of zips: listed once when opened, read on demand. */
export interface ZipStore {
  /** Where the zips are, for messages: a directory, or a repository at a ref. */
  readonly location: string;
  /** The `*.zip` files directly in it, sorted by name byte-wise. */
  readonly zips: readonly StoredZip[];
  /** Commit time of the ref read (unix seconds); null for a plain directory. */
  readonly time: number | null;
  /** Why a git url could not be fetched, when the store is its cache clone as the last fetch left it. */
  readonly fetchError?: MageosError;
  /** The bytes of one zip; a file that no longer matches its listed id is an error. */
  read(zip: StoredZip): Promise<Buffer>;
  close(): Promise<void>;
}
