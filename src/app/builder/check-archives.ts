import type { OutputDirectory } from '../../adapters/fs/output-directory.js';
import { fileSha1 } from '../../adapters/fs/file-sha1.js';
import { MageosError } from '../../core/errors.js';
import type { PublishedArtifact } from '../../core/state/build-state.js';
import type { ArchiveCheck, BuildProgress, PlannedAction } from './build-result.js';

/** Archives hashed at once: reading is the cost, a few reads in flight keep a disk busy. */
const PARALLEL = 4;

async function sha1OnDisk(out: OutputDirectory, artifact: PublishedArtifact): Promise<string | null> {
  try {
    return await fileSha1(out.path(artifact.file));
  } catch (error) {
    // A missing archive is found by its size and written again: not this check's business.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw out.problem(error);
  }
}

/**
 * Hashes the published archives of the versions `selected` picks and returns those whose bytes differ from the
 * sha1 the state records (and the metadata serves): bytes changed on disk, whatever their size.
 */
export async function findDamagedArchives(
  out: OutputDirectory,
  selected: (artifact: PublishedArtifact) => boolean,
  progress: (p: BuildProgress) => void,
): Promise<ArchiveCheck> {
  const jobs = Object.entries(out.state.artifacts).filter(([, a]) => selected(a));
  const damaged: string[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < jobs.length; i = next++) {
      const [id, artifact] = jobs[i] as [string, PublishedArtifact];
      const sha1 = await sha1OnDisk(out, artifact);
      if (sha1 !== null && sha1 !== artifact.sha1) damaged.push(id);
      progress({ phase: 'check', done: ++done, total: jobs.length, detail: artifact.file });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, jobs.length) }, worker));
  return { hashed: jobs.length, damaged: damaged.sort(), restored: [] };
}

/** A damaged archive this build could not put back as it was published: why, and what to do. */
export function unrestorable(out: OutputDirectory, id: string, why: string): MageosError {
  const file = out.state.artifacts[id]?.file ?? id;
  return new MageosError('ERR_ARCHIVE_DAMAGED', `${file} (${id}) is damaged and was not restored: ${why}`, {
    hint: `Restore it from a backup, or pass --republish ${id} to publish the bytes built now (breaks composer.lock files that pinned its sha1).`,
  });
}

/** What a build re-hashes: all published archives (--check), those it may republish, or none; a rebuilt state was hashed already. */
export async function checkArchives(
  out: OutputDirectory,
  options: { check: boolean; republishes: ((artifact: PublishedArtifact) => boolean) | null; rebuiltDamaged: Set<string> | null },
  progress: (p: BuildProgress) => void,
): Promise<ArchiveCheck | undefined> {
  if (options.rebuiltDamaged !== null) return { hashed: Object.keys(out.state.artifacts).length, damaged: [...options.rebuiltDamaged].sort(), restored: [] };
  if (options.check) return findDamagedArchives(out, () => true, progress);
  if (options.republishes !== null) return findDamagedArchives(out, options.republishes, progress);
  return undefined;
}

/** A damaged archive's version is built aside and compared, even where its content key says it is unchanged. */
export function restoreAction(action: PlannedAction, damaged: ReadonlySet<string>): PlannedAction {
  return action.action === 'reuse' && damaged.has(`${action.package}@${action.version}`) ? { ...action, action: 'check' } : action;
}
