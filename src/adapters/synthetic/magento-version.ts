/** A package's own version, Magento style: `100.4.6`, or `100.4.6-p2` when first changed in a patch release. */
export interface MagentoVersion {
  major: number;
  minor: number;
  patch: number;
  /** N of a `-pN` suffix, 0 for none. */
  patchLevel: number;
}

export function formatVersion(v: MagentoVersion): string {
  return `${v.major}.${v.minor}.${v.patch}${v.patchLevel > 0 ? `-p${v.patchLevel}` : ''}`;
}

/** N of a release tag ending in `-pN`, else 0. */
export function releasePatchLevel(release: string): number {
  const match = /-p(\d+)$/.exec(release);
  return match === null ? 0 : Number(match[1]);
}

/**
 * The next version of a package changed in this release: a patch release adds its `-pN` suffix, any other raises the
 * patch number. Always newer than `v` in Composer's order, and never leaves `major.minor`, so constraints stay met.
 */
export function bumpVersion(v: MagentoVersion, patchLevel: number): MagentoVersion {
  if (patchLevel > v.patchLevel) return { ...v, patchLevel };
  return { ...v, patch: v.patch + 1, patchLevel };
}

/** `103.0.*`, as Magento's own packages require one another. */
export function wildcardConstraint(v: MagentoVersion): string {
  return `${v.major}.${v.minor}.*`;
}

export function caretConstraint(v: MagentoVersion): string {
  return `^${v.major}.${v.minor}`;
}
