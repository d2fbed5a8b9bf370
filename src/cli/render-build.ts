import pc from 'picocolors';
import type { BuildResult } from '../app/builder/build-result.js';
import type { EffectiveSource } from '../app/config/effective-sources.js';
import { bytesText as bytes } from './bytes-text.js';
import { renderNight, renderRelease } from './render-night.js';


/** Most tags ignored at once to name on one line; --json lists them all. */
const MAX_NAMED = 5;

/** Ignored tags, one line per reason: which ones, so a tag that did not become a release is explained. */
function ignoredByReason(ignored: ReadonlyArray<{ tag: string; reason: string }>): string[] {
  const byReason = new Map<string, string[]>();
  for (const { tag, reason } of ignored) byReason.set(reason, [...(byReason.get(reason) ?? []), tag]);
  return [...byReason].map(([reason, tags]) => {
    const more = tags.length > MAX_NAMED ? ` and ${tags.length - MAX_NAMED} more` : '';
    return `  ignored (${reason}): ${tags.slice(0, MAX_NAMED).join(', ')}${more}`;
  });
}

/** A warning in yellow; a note (what the config asked for happened, e.g. a derived package) plain, so it does not read as a problem. */
function warningLine(w: BuildResult['warnings'][number]): string {
  const text = `${[w.source, w.tag, w.package, w.path].filter(Boolean).join(' ')}: ${w.message}`;
  return w.level === 'info' ? `note: ${text}` : pc.yellow(`warning: ${text}`);
}

function sourceLine(s: BuildResult['sources'][number]): string {
  const what = s.filesOnly ? "files for other sources' rules and fixes (no packages of its own)" : `${s.releases.length} release(s)`;
  return `source ${pc.bold(s.name)}: ${what}${s.ignoredTags.length ? `, ${s.ignoredTags.length} tag(s) ignored` : ''}${s.fetched ? ', fetched' : ''}`;
}

/** Fixes that matched nothing: a warning each, or one note when the caller knows why (the demo lacks their releases). */
function unusedFixLines(fixes: BuildResult['unusedFixes'], expected: string | undefined): string[] {
  if (expected === undefined) return fixes.map((f) => pc.yellow(`warning: fix for ${f.package} in source ${f.source} matched nothing: ${f.reason}`));
  if (fixes.length === 0) return [];
  const packages = [...new Set(fixes.map((f) => f.package))].sort().join(', ');
  return [`note: ${fixes.length} fix(es) matched nothing (${packages}): ${expected}`];
}

export interface RenderBuildOptions {
  /** Why fixes that match nothing are expected here; they are then one note instead of a warning each. */
  unusedFixesExpected?: string;
  /** With --dry-run: where each source is read from, so that "extends", "urlRewrites" and --source-url can be checked. */
  effectiveSources?: readonly EffectiveSource[];
}

function effectiveSourceLines(sources: readonly EffectiveSource[]): string[] {
  if (sources.length === 0) return [];
  const width = Math.max(...sources.map((s) => `${s.kind} ${s.name}`.length));
  return ['effective sources:', ...sources.map((s) => `  ${`${s.kind} ${s.name}`.padEnd(width)}  ${'url' in s ? s.url : `${s.path} (local)`}`)];
}

/** The human summary of a build, for stdout. */
export function renderBuild(result: BuildResult, options: RenderBuildOptions = {}): string {
  const lines: string[] = [];
  const { counts } = result;
  for (const s of result.sources) {
    lines.push(sourceLine(s));
    lines.push(...ignoredByReason(s.ignoredTags));
  }
  lines.push(...renderNight(result.night), ...renderRelease(result.release));
  if (result.dryRun) lines.push(...effectiveSourceLines(options.effectiveSources ?? []));
  if (result.upToDate) {
    const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped by fixes` : '';
    lines.push(pc.green(`up to date: nothing to do (${counts.planned} package versions${skipped}, ${result.durationMs} ms)`));
    lines.push(...result.warnings.map(warningLine));
    return lines.join('\n');
  }
  if (result.dryRun) {
    const by = (a: string) => result.actions.filter((x) => x.action === a).length;
    lines.push(`dry run: ${counts.planned} package versions planned: ${by('build')} to build, ${by('reuse')} unchanged, ${by('repair')} to repair, ${by('check') + by('adopt')} to compare`);
    for (const a of result.actions.filter((x) => x.action !== 'reuse')) lines.push(`  ${a.action.padEnd(6)} ${a.package} ${a.version} (${a.source} ${a.tag})`);
  } else {
    lines.push(
      `${counts.built === 0 && counts.failed === 0 && counts.drift === 0 ? 'no archive written: ' : ''}built ${counts.built}, reused ${counts.reused}, skipped ${counts.skipped}, failed ${counts.failed}, drift ${counts.drift}, ${bytes(result.bytesWritten)} written in ${(result.durationMs / 1000).toFixed(2)} s`,
    );
  }
  if (!result.dryRun) {
    const m = result.metadata;
    lines.push(`metadata: ${m.written} file(s) written, ${m.unchanged} unchanged${m.deleted ? `, ${m.deleted} retired file(s) deleted` : ''}`);
  }
  if (result.archiveCheck !== undefined) {
    const c = result.archiveCheck;
    lines.push(`archives checked: ${c.hashed}, damaged ${c.damaged.length}, restored ${c.restored.length}${c.damaged.length > 0 ? ` (${c.damaged.join(', ')})` : ''}`);
  }
  if (result.removed.length > 0) lines.push(`removed from the repository: ${result.removed.join(', ')} (archives kept 7 days unless --prune-archives)`);
  if (result.prunedArchives.length > 0) lines.push(`archives deleted: ${result.prunedArchives.join(', ')}`);
  lines.push(...result.warnings.map(warningLine));
  lines.push(...unusedFixLines(result.unusedFixes, options.unusedFixesExpected));
  for (const d of result.drift) {
    lines.push(pc.red(`drift: ${d.package} ${d.version} (${d.file}) would change; the published archive is kept`));
    for (const name of d.added) lines.push(`  + ${name}`);
    for (const name of d.removed) lines.push(`  - ${name}`);
    for (const name of d.changed) lines.push(`  ~ ${name}`);
    for (const c of d.composerJson) lines.push(`  composer.json "${c.key}": ${JSON.stringify(c.published)} -> ${JSON.stringify(c.rebuilt)}`);
  }
  if (result.drift.length > 0) lines.push(pc.dim('hint: pass --republish <package>@<version> to replace a published archive (breaks composer.lock files that pinned it)'));
  for (const e of result.errors) lines.push(pc.red(`error ${e.code}: ${e.message}`));
  return lines.join('\n');
}
