import { MageosError } from '../errors.js';
import { isValidVersion, normalizeVersion, rsortVersions } from '../version/index.js';

/** The base of a package that the newest tag does not have. */
export const NEW_PACKAGE_BASE = '0.0.1';

/** A night's date as the version carries it: `YYYYMMDD`, from an ISO date (`2026-12-07`). */
export function nightStamp(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const valid = match !== null && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
  if (!valid) {
    throw new MageosError('ERR_USAGE', `--date ${JSON.stringify(date)} is not a date`, { hint: 'Give the night as YYYY-MM-DD, e.g. --date 2026-12-07.' });
  }
  return date.replaceAll('-', '');
}

/**
 * The nightly version of a package whose base (its version at the newest tag) is `base`, as the Mage-OS
 * upstream nightly writes it: `100.4.7-p3` → `100.4.7.1-a20261207+p3`, `2.4.7.1` → `2.4.7.2-a20261207`. Composer
 * reads `-a` as alpha: above the base release, below the next one, and each night above the one before.
 */
export function nightlyVersion(base: string, stamp: string): string {
  const dash = base.indexOf('-');
  const numbers = (dash === -1 ? base : base.slice(0, dash)).replace(/^v/, '');
  const suffix = dash === -1 ? '' : base.slice(dash + 1);
  const parts = numbers.split('.');
  if (parts.length > 4 || parts.some((p) => !/^\d+$/.test(p))) {
    throw new MageosError('ERR_VERSION_INVALID', `base version ${JSON.stringify(base)} has no numbers a nightly version can count on`, {
      hint: 'A nightly version is made from a version like 1.2.3 or 1.2.3-p1 found at the newest tag; fix or skip that tag.',
    });
  }
  // Fewer than four numbers: pad to three, then the fourth is 1; four: the fourth counts up.
  while (parts.length < 3) parts.push('0');
  if (parts.length === 3) parts.push('1');
  else parts[3] = String(Number(parts[3]) + 1);
  return `${parts.join('.')}-a${stamp}${suffix === '' ? '' : `+${suffix}`}`;
}

/** The newest of a repository's tags as Composer orders them; tags starting with `v` and tags that are no version are left out. */
export function newestTag(tags: readonly string[]): string | null {
  const byNormalized = new Map<string, string>();
  for (const tag of tags) if (!tag.startsWith('v') && isValidVersion(tag)) byNormalized.set(normalizeVersion(tag), tag);
  const [newest] = rsortVersions([...byNormalized.keys()]);
  return newest === undefined ? null : (byNormalized.get(newest) as string);
}

/** Every package of a night with its nightly version: from its base at the newest tag, or from 0.0.1 when it had none. */
export function nightVersions(names: Iterable<string>, bases: ReadonlyMap<string, string>, stamp: string): Map<string, string> {
  const versions = new Map<string, string>();
  for (const name of [...names].sort()) versions.set(name, nightlyVersion(bases.get(name) ?? NEW_PACKAGE_BASE, stamp));
  return versions;
}
