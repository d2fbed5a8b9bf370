import pc from 'picocolors';
import type { NightReport } from '../app/builder/build-result.js';

/** The line a nightly build starts its summary with: the night, whether it is served, and its checks. */
export function renderNight(night: NightReport | undefined): string[] {
  if (night === undefined) return [];
  const checks = night.checks.length === 0 ? '' : `; checks: ${night.checks.map((c) => `${c.name} ${c.result}`).join(', ')}`;
  const changed = night.changed.length === 0 ? '' : `; ${night.changed.length} package(s) with new content`;
  if (night.result === 'unchanged') return [pc.green(`night ${night.night}: no source has a new commit since ${night.served ?? 'the last night'}: nothing new to publish`)];
  if (night.result === 'published') return [pc.green(`night ${night.night}: published and served${checks}${changed}`)];
  const served = night.served === null ? 'no night is served yet' : `the metadata still serves ${night.served}`;
  return [pc.red(`night ${night.night}: NOT published, ${served}${checks}`)];
}
