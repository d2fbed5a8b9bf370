import { lstatSync } from 'node:fs';
import { selectArtifacts } from '../../core/plan/select-artifacts.js';
import { type ArtifactSummary, artifactId } from '../../core/plan/types.js';
import type { OutputDirectory } from '../../adapters/fs/output-directory.js';
import { archivePath } from './archive-path.js';
import { type ArchiveSources, withArchives } from './archive-source.js';
import { reportSkipped } from './build-report.js';
import type { BuildResult, PlannedAction } from './build-result.js';
import { restoreAction } from './check-archives.js';

/** A package version to write and what to do with its archive. */
export interface WriteJob {
  a: ArtifactSummary;
  action: PlannedAction;
}

export function allowsRepublish(specs: readonly string[], a: ArtifactSummary): boolean {
  return specs.some((s) => s === '*' || s === a.name || s === artifactId(a));
}

// Synchronous on purpose: thousands of stat calls cost less in a loop than as promises through the thread pool.
function sizeOnDisk(out: OutputDirectory, file: string): number | undefined {
  try {
    // lstat: a symbolic link in place of an archive is not one (the build replaces the link, never follows it).
    const stat = lstatSync(out.path(file), { throwIfNoEntry: false });
    return stat?.isFile() === true ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

export function archivesIntact(out: OutputDirectory): boolean {
  return Object.values(out.state.artifacts).every((a) => sizeOnDisk(out, a.file) === a.size);
}

function actionFor(out: OutputDirectory, a: ArtifactSummary): PlannedAction {
  const file = archivePath(a.name, a.version);
  const published = out.state.artifacts[artifactId(a)];
  const size = sizeOnDisk(out, file) ?? null;
  let action: PlannedAction['action'];
  if (published === undefined) action = size === null ? 'build' : 'adopt';
  else if (size === null || size !== published.size) action = published.key === a.key ? 'repair' : 'build';
  else action = published.key === a.key ? 'reuse' : 'check';
  return { package: a.name, version: a.version, source: a.source, tag: a.tag, kind: a.kind, key: a.key, file, action };
}

/**
 * The package versions the repository serves (built from the plans, or copied from archive sources) and what to
 * do with each one's archive; `toWrite` leaves out those reused as they are.
 */
export async function chooseArchives(
  out: OutputDirectory,
  summaries: ArtifactSummary[],
  skipped: string[],
  archives: ArchiveSources,
  damaged: ReadonlySet<string>,
  result: BuildResult,
) {
  const { chosen, archiveOf } = withArchives(selectArtifacts(summaries), await archives.read(), result.warnings);
  result.counts.planned = chosen.length;
  reportSkipped(result, skipped, new Set(chosen.map(artifactId)));
  const actions = chosen.map((a) => restoreAction(actionFor(out, a), damaged));
  result.actions = actions;
  const toWrite: WriteJob[] = chosen.map((a, i) => ({ a, action: actions[i] as PlannedAction })).filter((j) => j.action.action !== 'reuse');
  result.counts.reused = chosen.length - toWrite.length;
  return { chosen, archiveOf, toWrite };
}
