import type { Fix } from '../../core/config/schema.js';
import type { MageosError } from '../../core/errors.js';
import type { ReleaseRef } from '../../core/plan/types.js';
import type { BuildResult, ReportedError, SourceReport } from './build-result.js';
import type { SourceSession } from './source-session.js';

/** A build's result before anything happened: filled in phase by phase. */
export function emptyResult(outDir: string, dryRun: boolean): BuildResult {
  return {
    outDir,
    dryRun,
    upToDate: false,
    sources: [],
    counts: { planned: 0, built: 0, reused: 0, skipped: 0, failed: 0, drift: 0, warnings: 0 },
    skipped: [],
    bytesWritten: 0,
    durationMs: 0,
    phaseMs: { sources: 0, plan: 0, write: 0, metadata: 0 },
    actions: [],
    warnings: [],
    errors: [],
    drift: [],
    unusedFixes: [],
    metadata: { written: 0, unchanged: 0, deleted: 0 },
    removed: [],
    prunedArchives: [],
  };
}

export function reportError(error: MageosError): ReportedError {
  return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
}

/** A source that could not be fetched and is read from its cache clone (--keep-going): an error, and why it still built. */
export function reportStale(result: BuildResult, source: string, error: MageosError): void {
  result.errors.push(reportError(error));
  result.counts.failed++;
  result.warnings.push({ source, message: 'read from its cache clone as the last successful fetch left it' });
}

export function sourceReport(session: SourceSession, releases: ReleaseRef[], ignored: SourceReport['ignoredTags']): SourceReport {
  const stale = session.fetchError !== undefined ? { stale: true as const } : {};
  const filesOnly = session.config.packages?.length === 0 ? { filesOnly: true as const } : {};
  return { name: session.name, gitDir: session.gitDir, fetched: session.fetched, ...stale, ...filesOnly, releases: releases.map((r) => r.tag), ignoredTags: ignored };
}

/** Package versions a skip fix left out at every release that has them (built from another release, they are not skipped). */
export function reportSkipped(result: BuildResult, skipped: Iterable<string>, published: ReadonlySet<string>): void {
  result.skipped = [...new Set(skipped)].filter((id) => !published.has(id)).sort();
  result.counts.skipped = result.skipped.length;
}

export function unusedFixesOf(session: SourceSession, used: Set<Fix>, result: BuildResult): void {
  for (const fix of session.config.fixes ?? []) {
    if (!used.has(fix)) result.unusedFixes.push({ source: session.name, package: fix.package, reason: fix.reason });
  }
}

export function finish(result: BuildResult, started: number): BuildResult {
  result.counts.warnings = result.warnings.filter((w) => w.level !== 'info').length + result.unusedFixes.length;
  result.durationMs = Date.now() - started;
  return result;
}
