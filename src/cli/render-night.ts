import pc from 'picocolors';
import type { NightReport, ReleaseReport } from '../app/builder/build-result.js';

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

/** The line a release of a distribution starts its summary with. */
export function renderRelease(release: ReleaseReport | undefined): string[] {
  if (release === undefined) return [];
  const base = release.magentoVersion === '' ? '' : `, based on Magento Open Source ${release.magentoVersion}`;
  const line = `release ${release.vendor} ${release.version}: ${release.packages} package(s) renamed to ${release.vendor}/*${base}`;
  return [release.recorded ? pc.green(line) : pc.red(`${line}; not recorded (see the errors or drift below)`)];
}
