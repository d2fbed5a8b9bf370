import { compareVersions, isValidVersion, normalizeVersion } from '../version/index.js';
import type { Source } from '../config/schema.js';

export interface TagRef {
  ref: string;
  name: string;
  commit: string;
  tree: string;
  time: number;
}

export interface IgnoredTag {
  tag: string;
  reason: string;
}

/** The release version a tag name stands for, or null when the name is not a stable-or-prerelease version. */
export function releaseVersionOfTag(tag: string): string | null {
  const version = /^[vV]\d/.test(tag) ? tag.slice(1) : tag;
  if (!isValidVersion(version)) return null;
  const normalized = normalizeVersion(version);
  if (normalized.startsWith('dev-') || normalized.endsWith('-dev')) return null;
  return version;
}

/** Byte-wise order of names, like `git tag` in the C locale ("1.1.10" before "1.1.2"). */
export function compareBytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Picks the tags of a source that are releases, in build order, and says why the others were left out. */
export function selectReleaseTags(
  tags: readonly TagRef[],
  selection: Source['tags'],
): { releases: Array<TagRef & { version: string }>; ignored: IgnoredTag[] } {
  const from = selection?.from === undefined ? null : normalizeVersion(selection.from.replace(/^[vV](?=\d)/, ''));
  const skip = new Set(selection?.skip ?? []);
  const only = selection?.only === undefined ? null : new Set(selection.only);
  const releases: Array<TagRef & { version: string }> = [];
  const ignored: IgnoredTag[] = [];
  for (const tag of [...tags].sort((a, b) => compareBytewise(a.name, b.name))) {
    const version = releaseVersionOfTag(tag.name);
    if (version === null) ignored.push({ tag: tag.name, reason: 'not a Composer release version' });
    else if (skip.has(tag.name)) ignored.push({ tag: tag.name, reason: 'in the skip list' });
    else if (only !== null && !only.has(tag.name)) ignored.push({ tag: tag.name, reason: 'not in the "only" list' });
    else if (from !== null && compareVersions(normalizeVersion(version), from) < 0) {
      ignored.push({ tag: tag.name, reason: `before ${selection?.from}` });
    } else releases.push({ ...tag, version });
  }
  return { releases, ignored };
}
