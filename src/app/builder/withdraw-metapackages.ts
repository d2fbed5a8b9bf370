import { rm } from 'node:fs/promises';
import { missingRequirements } from '../../core/plan/release-checks.js';
import { type ArtifactSummary, artifactId } from '../../core/plan/types.js';
import type { OutputDirectory } from '../../adapters/fs/output-directory.js';
import type { BuildResult } from './build-result.js';

/**
 * With --keep-going, a metapackage written by this build that pins a version that could not be written (its
 * release's, or one pinned through another metapackage left out) is not published either: it could not be
 * installed. It leaves the state, and so the metadata, and its file goes. Versions published before stay.
 */
export async function withdrawMetapackages(
  out: OutputDirectory,
  failed: readonly ArtifactSummary[],
  writtenNow: ReadonlySet<string>,
  result: BuildResult,
): Promise<void> {
  const missing = [...failed];
  for (let found = missing.length > 0; found; ) {
    found = false;
    const published = Object.values(out.state.artifacts);
    for (const artifact of published) {
      const id = artifactId(artifact);
      if (artifact.kind !== 'metapackage' || !writtenNow.has(id) || typeof artifact.composerJson !== 'string') continue;
      const needs = missingRequirements(artifact.composerJson, published, missing);
      if (needs.length === 0) continue;
      delete out.state.artifacts[id];
      missing.push(artifact);
      found = true;
      await rm(out.path(artifact.file), { force: true });
      result.counts.built--;
      result.bytesWritten -= artifact.size;
      result.warnings.push({ source: artifact.source, tag: artifact.tag, package: id, message: `not published: it requires ${needs.join(', ')}, which could not be written` });
    }
  }
}
