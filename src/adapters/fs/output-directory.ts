import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MageosError } from '../../core/errors.js';
import { type BuildState, emptyState, parseStateText } from '../../core/state/build-state.js';
import { writeFileAtomicSync } from './atomic-file.js';
import { acquireBuildLock, type BuildLock } from './build-lock.js';
import { containedPath } from './contained-path.js';
import { makeDirectory } from './make-directory.js';

export const STATE_DIR = '.mageos-repo';
/** A checkpoint during a build saves the state at most this often: a crash costs at most this much work again. */
const CHECKPOINT_MS = 1000;
/**
 * Nor more often than once per this many times the last save took: saving a large state stays a small share of a
 * build. At 10, the 9 MB state of a synthetic Magento history (bench:history) was saved every second, about 2 s of
 * a 40 s write phase on the build's thread; at 30 it is saved every 3-4 s, which is what a crash costs again.
 */
const CHECKPOINT_COST_FACTOR = 30;

async function readState(stateFile: string, format: string): Promise<BuildState> {
  return existsSync(stateFile) ? parseStateText(await readFile(stateFile, 'utf8'), stateFile) : emptyState(format);
}

/** What the file system said, as an error that names the output directory and what to do. */
function unusable(root: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (error instanceof MageosError || code === undefined) return error;
  const what: Record<string, [string, string]> = {
    ENOTDIR: ['is a file (or lies below one), not a directory', 'Give --out a directory path.'],
    EEXIST: ['is a file (or lies below one), not a directory', 'Give --out a directory path.'],
    EACCES: ['cannot be written (permission denied)', 'Build into a directory you may write to, or fix its permissions.'],
    EPERM: ['cannot be written (operation not permitted)', 'Build into a directory you may write to, or fix its permissions.'],
    EROFS: ['is on a read-only file system', 'Build into a directory on a writable file system.'],
    ENOSPC: ['is on a full file system', 'Free some space, or build elsewhere.'],
  };
  const [problem, hint] = what[code] ?? [`cannot be used (${code})`, 'Check the path and its permissions.'];
  return new MageosError('ERR_OUTPUT_UNUSABLE', `Output directory ${root} ${problem}: ${(error as Error).message}`, { hint, cause: error });
}

/** Makes the state of a repository whose state file is damaged or lost from what it publishes (read under the lock). */
export type RebuildState = (root: string) => Promise<BuildState>;

/** The repository a build writes into: its state, its lock and its scratch space for unfinished files. */
export class OutputDirectory {
  private savedAt = 0;
  private saveMs = 0;
  /** Directories of the repository known to be real directories, not symbolic links. */
  private readonly checkedDirs = new Set<string>();

  private constructor(
    readonly root: string,
    readonly state: BuildState,
    private readonly lock: BuildLock | null,
    /** What this build created to claim the directory: the directory itself, only its state, or nothing. */
    private readonly claimed: 'root' | 'state' | null = null,
  ) {}

  get stateDir(): string {
    return join(this.root, STATE_DIR);
  }

  get tmpDir(): string {
    return join(this.stateDir, 'tmp');
  }

  /** Where a file of the repository goes; every path a build writes, renames or deletes comes from here. */
  path(relative: string): string {
    return containedPath(this.root, relative, this.checkedDirs);
  }

  /** A file system error met while writing into the repository, as the error that names it and says what to do. */
  problem(error: unknown): unknown {
    return unusable(this.root, error);
  }

  /**
   * Opens (or, unless readOnly, creates) a repository. A non-empty directory without our state is refused,
   * so a typo in --out never overwrites someone's files.
   */
  static async open(root: string, format: string, readOnly: boolean, replaceState?: RebuildState): Promise<OutputDirectory> {
    try {
      return await OutputDirectory.openOrThrow(root, format, readOnly, replaceState);
    } catch (error) {
      throw unusable(root, error);
    }
  }

  private static async openOrThrow(root: string, format: string, readOnly: boolean, replaceState?: RebuildState): Promise<OutputDirectory> {
    const stateFile = join(root, STATE_DIR, 'state.json');
    const read = () => (replaceState ? replaceState(root) : readState(stateFile, format));
    // A published repository whose state is lost may have it rebuilt (--rebuild-state).
    if (!existsSync(stateFile) && !(replaceState && existsSync(join(root, 'packages.json')))) {
      const entries = existsSync(root) ? (await readdir(root)).filter((n) => n !== STATE_DIR) : [];
      if (entries.length > 0) {
        throw new MageosError('ERR_OUTPUT_NOT_OURS', `${root} is not empty and holds no mageos-repo repository (no ${STATE_DIR}/state.json)`, {
          hint: 'Build into a new or empty directory, or into one that mageos-repo built.',
        });
      }
    }
    if (readOnly) return new OutputDirectory(root, await read(), null);
    const rootExisted = existsSync(root);
    await makeDirectory(join(root, STATE_DIR));
    const lock = await acquireBuildLock(join(root, STATE_DIR, 'lock'), root);
    let dir: OutputDirectory | null = null;
    try {
      // Read under the lock: a build that held it before us may have changed the state.
      const fresh = !existsSync(stateFile);
      const claimed = !fresh ? null : rootExisted ? 'state' : 'root';
      dir = new OutputDirectory(root, await read(), lock, claimed);
      await rm(dir.tmpDir, { recursive: true, force: true });
      await makeDirectory(dir.tmpDir);
      // Claim a new directory before writing anything, so a build killed later finds it ours.
      if (fresh || replaceState) await dir.saveState();
      return dir;
    } catch (error) {
      // A claim that failed (a full disk) gives the directory back as a failed build does.
      await (dir === null ? lock.release() : dir.close({ failed: true }));
      throw error;
    }
  }

  /** Throws ERR_LOCK_LOST when this build's lock was deleted or taken over: it must publish nothing more. */
  async checkLock(): Promise<void> {
    await this.lock?.check();
  }

  async saveState(): Promise<void> {
    const started = Date.now();
    await this.checkLock();
    try {
      writeFileAtomicSync(this.path(`${STATE_DIR}/state.json`), JSON.stringify(this.state), this.tmpDir);
    } catch (error) {
      throw this.problem(error);
    }
    this.savedAt = Date.now();
    this.saveMs = this.savedAt - started;
  }

  /** Saves the state unless it was saved less than a second, or thirty saves' time, ago (a large repository's is megabytes). */
  async checkpoint(): Promise<void> {
    if (Date.now() - this.savedAt >= Math.max(CHECKPOINT_MS, CHECKPOINT_COST_FACTOR * this.saveMs)) await this.saveState();
  }

  /**
   * Deletes the scratch space and releases the lock. After a failed build (`failed`), a directory this build
   * claimed and never published anything into is given back as it was: no stray repository from a typo.
   */
  async close(options: { failed?: boolean } = {}): Promise<void> {
    if (this.lock === null) return;
    // The scratch space and the lock of a build that took the lock over are not ours to delete.
    if (await this.checkLock().then(() => false, () => true)) return;
    await rm(this.tmpDir, { recursive: true, force: true });
    const unused = options.failed === true && this.claimed !== null && (await readdir(this.root)).every((n) => n === STATE_DIR);
    if (unused) {
      // The lock file goes with the state directory: the claim ends in the same step.
      await rm(this.stateDir, { recursive: true, force: true });
      if (this.claimed === 'root') await rm(this.root, { recursive: true, force: true });
      return;
    }
    await this.lock.release();
  }
}
