import { lstatSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { posix } from 'node:path';
import { repositoryMetadata, type MetadataFile } from '../../core/metadata/repository-metadata.js';
import type { OutputDirectory } from '../../adapters/fs/output-directory.js';
import { writeTemporarySync } from '../../adapters/fs/atomic-file.js';
import { DurableRenames } from '../../adapters/fs/durable-rename.js';

export interface MetadataReport {
  written: string[];
  unchanged: number;
  deleted: string[];
}

// Synchronous file calls: hundreds of small files, one after another, cost a system call each this way
// instead of several thread-pool round trips each.
function differs(out: OutputDirectory, file: MetadataFile): boolean {
  try {
    return readFileSync(out.path(file.path), 'utf8') !== file.text;
  } catch {
    return true;
  }
}

/**
 * Deletes temporary files that builds of earlier versions wrote beside metadata files (`p2/acme/a.json.<pid>.tmp`)
 * and a kill left there: a web server would hand them out. Named after a metadata file, ending in `.tmp`.
 */
function removeStrayTemporaries(out: OutputDirectory, files: MetadataFile[]): void {
  const byDir = new Map<string, Set<string>>();
  for (const f of files) {
    const dir = posix.dirname(f.path);
    byDir.set(dir, (byDir.get(dir) ?? new Set()).add(posix.basename(f.path)));
  }
  for (const [dir, names] of byDir) {
    let entries: string[];
    try {
      entries = readdirSync(dir === '.' ? out.root : out.path(dir));
    } catch {
      continue;
    }
    for (const entry of entries.filter((e) => e.endsWith('.tmp'))) {
      const prefixes = [...entry.matchAll(/\./g)].map((m) => entry.slice(0, m.index));
      if (prefixes.some((prefix) => names.has(prefix))) rmSync(out.path(posix.join(dir, entry)), { force: true });
    }
  }
}

/**
 * Gives a file that replaces `path` a modification time at least one second later than the one it replaces:
 * Composer revalidates metadata with If-Modified-Since, which has one-second precision, so a file rewritten within
 * the same second as the one a client cached would be answered "304 Not Modified" and never seen.
 */
function laterThanReplaced(tmp: string, path: string): void {
  const replaced = lstatSync(path, { throwIfNoEntry: false });
  if (replaced === undefined) return;
  const written = statSync(tmp);
  const replacedSecond = Math.floor(replaced.mtimeMs / 1000);
  if (Math.floor(written.mtimeMs / 1000) <= replacedSecond) utimesSync(tmp, written.atime, new Date((replacedSecond + 1) * 1000));
}

/** Metadata files fsynced at once (the thread pool runs four). */
const SYNC_LIMITS = { bytes: Infinity, files: Infinity, parallel: 4 };

/**
 * Writes the metadata of every published artifact. Files whose text is unchanged are not touched (their
 * Last-Modified stays, so Composer revalidates with 304s); packages.json is replaced last, after every file it
 * points to. Each file is on disk before its rename (written together, then flushed together), so a power cut
 * leaves the old or the new file. Files the new packages.json no longer needs are
 * deleted one publish later, so a client that read the previous packages.json a moment ago still finds them.
 */
export async function publishMetadata(out: OutputDirectory, baseUrl: string, extraFiles: MetadataFile[] = []): Promise<MetadataReport> {
  await out.checkLock();
  const files = [...repositoryMetadata(Object.values(out.state.artifacts), baseUrl), ...extraFiles];
  const report: MetadataReport = { written: [], unchanged: 0, deleted: [] };
  const madeDirs = new Set<string>();
  const batch = new DurableRenames(SYNC_LIMITS, (error) => out.problem(error));
  // One batch, renamed in order: every file is on disk before the first rename, and packages.json is renamed
  // last (a journaling file system replays renames in order: a packages.json that survives a crash finds its files).
  // The files wait in the scratch space, never beside published ones: a kill or a full disk leaves nothing to serve.
  try {
    for (const file of [...files.filter((f) => f.path !== 'packages.json'), ...files.filter((f) => f.path === 'packages.json')]) {
      if (!differs(out, file)) {
        report.unchanged++;
        continue;
      }
      const path = out.path(file.path);
      const tmp = writeTemporarySync(out.tmpDir, path, file.text, madeDirs);
      laterThanReplaced(tmp, path);
      await batch.add(tmp, path, file.text.length, () => report.written.push(file.path));
    }
    // The last moment to find that another build took the repository over: nothing is renamed yet.
    await out.checkLock();
    await batch.flush();
  } catch (error) {
    throw out.problem(error);
  }
  report.written.sort();
  removeStrayTemporaries(out, files);
  const current = new Set(files.map((f) => f.path));
  const { published = [], retired = [] } = out.state.metadata ?? {};
  for (const path of retired) {
    if (current.has(path)) continue;
    rmSync(out.path(path), { force: true });
    report.deleted.push(path);
  }
  out.state.metadata = { published: [...current].sort(), retired: published.filter((p) => !current.has(p)) };
  return report;
}
