import pc from 'picocolors';
import type { Night } from '../core/status/status-document.js';
import type { NightlyState, StatusSummary } from '../core/status/status-summary.js';
import { durationText } from '../core/status/time-text.js';

const STATE_COLOUR: Readonly<Record<NightlyState, (text: string) => string>> = { installable: pc.green, failing: pc.red, none: pc.dim };
const RESULT_COLOUR: Readonly<Record<Night['result'], (text: string) => string>> = { published: pc.green, failed: pc.red, unchanged: pc.dim };

/** status.json is outside data: a control character in it (an escape sequence in a commit subject) is shown, never sent to the terminal. */
const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function nightLines(night: Night): string[] {
  const checks = night.checks.map((c) => `${c.name} ${c.result}`).join(', ');
  const columns = [night.night, RESULT_COLOUR[night.result](night.result.padEnd(10)), durationText(night.durationMs).padEnd(11), String(night.packages.built).padStart(5), String(night.packages.reused).padStart(7)];
  const lines = [`${columns.join('  ')}  ${printable(checks)}`];
  const indent = ' '.repeat(12);
  if (night.error !== undefined) lines.push(`${indent}${pc.red(printable(`${night.error.code}: ${night.error.message}`))}`);
  for (const c of night.checks) if (c.result === 'failed' && c.summary !== undefined) lines.push(`${indent}${pc.red(printable(`${c.name}: ${c.summary}`))}`);
  return lines;
}

/** `mageos-repo status`: the verdict and its sentence first, then the newest `shown` nights, one line each (failures get a second line). */
export function renderStatus(repository: string, summary: StatusSummary, nights: readonly Night[], shown: number): string {
  const lines = [`nightly of ${printable(repository)}: ${STATE_COLOUR[summary.state](summary.state)}`, summary.sentence];
  if (nights.length > 0) {
    lines.push('', pc.dim(`${'night'.padEnd(10)}  ${'result'.padEnd(10)}  ${'duration'.padEnd(11)}  built   reused  checks`));
    for (const night of nights.slice(0, shown)) lines.push(...nightLines(night));
    if (nights.length > shown) lines.push(pc.dim(`(${shown} of ${nights.length} nights; --nights ${nights.length} shows them all)`));
  }
  return lines.join('\n');
}
