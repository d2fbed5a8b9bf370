import { rm } from 'node:fs/promises';
import { type ArtifactSummary, artifactId } from '../../core/plan/types.js';
import type { OutputDirectory } from '../../adapters/fs/output-directory.js';
import type { BuildResult } from './build-result.js';

export const DEFAULT_ARCHIVE_GRACE_MS = 7 * 24 * 3600 * 1000;

/** Whether an archive retired earlier has outlived its grace period (then even an up-to-date build runs, to delete it). */
export function pruneDue(out: OutputDirectory, now: () => number, graceMs: number): boolean {
  return Object.values(out.state.retiredArchives ?? {}).some((r) => now() - r.since >= graceMs);
}

/** Versions that are published but no longer planned leave the metadata; their archives are kept for a while. */
export function retireRemoved(out: OutputDirectory, chosen: ArtifactSummary[], now: number, result: BuildResult): void {
  const planned = new Set(chosen.map(artifactId));
  const retired = (out.state.retiredArchives ??= {});
  for (const [id, artifact] of Object.entries(out.state.artifacts)) {
    if (planned.has(id)) continue;
    retired[id] = { file: artifact.file, since: now };
    delete out.state.artifacts[id];
    result.removed.push(id);
  }
  for (const id of Object.keys(retired)) if (out.state.artifacts[id] !== undefined) delete retired[id];
}

/** Deletes the archives retired for longer than the grace period. */
export async function pruneRetired(out: OutputDirectory, now: number, graceMs: number, result: BuildResult): Promise<void> {
  const retired = out.state.retiredArchives ?? {};
  for (const [id, { file, since }] of Object.entries(retired)) {
    if (now - since < graceMs) continue;
    await rm(out.path(file), { force: true });
    delete retired[id];
    result.prunedArchives.push(file);
  }
}
