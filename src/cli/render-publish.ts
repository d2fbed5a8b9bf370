import pc from 'picocolors';
import type { PublishResult } from '../app/publish/publish-result.js';
import { bytesText } from './bytes-text.js';

/** Most keys named per list in the text output; --json lists them all. */
const LISTED = 20;

function keyLines(title: string, keys: readonly string[]): string[] {
  if (keys.length === 0) return [];
  const shown = keys.slice(0, LISTED).map((k) => `  ${k}`);
  if (keys.length > LISTED) shown.push(pc.dim(`  … and ${keys.length - LISTED} more (--json lists them all)`));
  return [title, ...shown];
}

/** `mageos-repo publish`: what went up (or would), what was deleted or waits for deletion, then one summary line. */
export function renderPublish(result: PublishResult): string {
  const verb = result.dryRun ? 'would upload' : 'uploaded';
  const lines = [
    ...result.warnings.map((w) => `${pc.yellow('warning')} ${w}`),
    ...keyLines(`${verb} (in this order):`, result.uploaded.map((u) => `${u.key} (${bytesText(u.size)})`)),
    ...keyLines(result.dryRun ? 'would delete (gone from the directory for the grace period):' : 'deleted (gone from the directory for the grace period):', result.deleted),
    ...keyLines('kept until their grace period ends (gone from the directory):', result.waiting.map((w) => `${w.key} (until ${w.dueAt})`)),
  ];
  const summary = `${result.target}: ${verb} ${result.uploaded.length} of ${result.files} files (${bytesText(result.bytesUploaded)}), ${result.unchanged} unchanged, ${result.dryRun ? 'would delete' : 'deleted'} ${result.deleted.length}, ${result.waiting.length} waiting, in ${(result.durationMs / 1000).toFixed(2)} s`;
  lines.push(result.uploaded.length === 0 && result.deleted.length === 0 ? `${summary} ${pc.dim('(the bucket was up to date)')}` : summary);
  return lines.join('\n');
}
