import pc from 'picocolors';
import { type IntegrityReport, problemsByVersion } from '../core/verify/integrity-problem.js';
import { type ComposerJsonChange, type ParityReport, parityPassed, type VersionDifference, type VersionRef } from '../core/verify/parity-report.js';
import { accessLine, type RepositoryAccess } from '../core/verify/repository-access.js';

/** Lists of versions present on one side only are cut here in text; --json and --html have them all. */
const MAX_LISTED = 100;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const shown = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value));

/**
 * The report with control characters in its strings written as escapes: names, versions and messages come
 * from the repository, and must not move the cursor or recolour a terminal.
 */
function printable<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => JSON.stringify(c).slice(1, -1)) as T;
  if (Array.isArray(value)) return value.map(printable) as T;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [printable(k), printable(v)])) as T;
  return value;
}

/** What was fetched from where, for remote repositories (a directory is only ever read inside itself). */
const accessLines = (access: readonly RepositoryAccess[]) => access.filter((a) => a.origin !== null).map((a) => pc.dim(accessLine(a)));

/** The human report of `verify integrity`: the verdict first, then the problems by package version. */
export function renderIntegrity(untrusted: IntegrityReport): string {
  const report = printable(untrusted);
  const { counts } = report;
  const lines = [
    `integrity of ${report.repository}: ${counts.packages} packages, ${counts.versions} versions, ${counts.archives} archives checked in ${seconds(report.durationMs)}`,
    counts.problems === 0 ? pc.green('passed: no problems found') : pc.red(`failed: ${counts.problems} problem(s) found`),
    ...(report.notChecked.length > 0 ? [notCheckedLine(report.notChecked)] : []),
    ...accessLines(report.access),
  ];
  for (const [what, problems] of problemsByVersion(report.problems)) {
    lines.push('', pc.bold(what));
    for (const p of problems) lines.push(`  ${pc.red(p.kind)}: ${p.message}`);
  }
  return lines.join('\n');
}

/** Names required from vendors the repository serves nothing of: said, so that "passed" does not claim them. */
function notCheckedLine(names: readonly string[]): string {
  const shownNames = names.length > 5 ? `${names.slice(0, 5).join(', ')}, …` : names.join(', ');
  const vendor = names[0]?.split('/')[0] ?? 'vendor';
  return `not checked: requirements on ${names.length} package(s) of vendors this repository serves nothing of (${shownNames}); to check them: --vendor '${vendor}/*'`;
}

function composerJsonLine(c: ComposerJsonChange): string {
  return `  composer.json ${pc.bold(c.key)}: ours ${shown(c.ours)}, reference ${shown(c.reference)}`;
}

/** The lines that say how one package version differs. */
function differenceLines(d: VersionDifference): string[] {
  const lines: string[] = [];
  for (const p of d.problems) lines.push(`  ${pc.red('problem')}: ${p}`);
  if (d.distOnlyIn !== undefined) lines.push(`  only ${d.distOnlyIn === 'ours' ? 'ours' : 'the reference'} has an archive`);
  for (const path of d.files.added) lines.push(`  ${pc.green('+')} ${path} (only in ours)`);
  for (const path of d.files.missing) lines.push(`  ${pc.red('-')} ${path} (missing: only in the reference)`);
  for (const c of d.files.changed) {
    if (c.content) lines.push(`  ${pc.yellow('~')} ${c.path}: content differs (ours crc32 ${c.content.ours.crc32} ${c.content.ours.size} B, reference crc32 ${c.content.reference.crc32} ${c.content.reference.size} B)`);
    if (c.mode) lines.push(`  ${pc.yellow('~')} ${c.path}: mode ${c.mode.ours} in ours, ${c.mode.reference} in the reference`);
  }
  lines.push(...d.composerJson.map(composerJsonLine));
  return lines;
}

function listed(label: string, refs: readonly VersionRef[]): string[] {
  if (refs.length === 0) return [];
  const more = refs.length > MAX_LISTED ? [`  … and ${refs.length - MAX_LISTED} more (--json lists them all)`] : [];
  return ['', pc.bold(`${label} (${refs.length}):`), ...refs.slice(0, MAX_LISTED).map((r) => `  ${r.package} ${r.version}`), ...more];
}

/** The human report of `verify parity`: the counts first, then each differing version, then one-sided versions. */
export function renderParity(untrusted: ParityReport): string {
  const report = printable(untrusted);
  const { counts } = report;
  const lines = [
    `parity of ${report.repository} against ${report.reference}: ${counts.compared} versions compared in ${seconds(report.durationMs)}`,
    `identical ${counts.identical}, differing ${counts.differing}, only in ours ${counts.onlyInOurs}, only in reference ${counts.onlyInReference}`,
    parityPassed(report) ? pc.green('passed: no differences') : pc.red(counts.problems > 0 ? `failed: differences found, ${counts.problems} metadata problem(s)` : 'failed: differences found'),
    ...accessLines(report.access),
  ];
  for (const w of report.warnings) lines.push(pc.yellow(`warning: ${w}`));
  for (const p of report.problems) lines.push(`${pc.red('problem')} in ${p.side === 'ours' ? 'ours' : 'the reference'}: ${p.version === null ? p.package : `${p.package} ${p.version}`}: ${p.message}`);
  for (const d of report.differing) lines.push('', pc.bold(`${d.package} ${d.version}`), ...differenceLines(d));
  lines.push(...listed('only in ours', report.onlyInOurs), ...listed('only in the reference', report.onlyInReference));
  return lines.join('\n');
}
