import { createHash } from 'node:crypto';
import type { ArtifactFile } from './types.js';

/** Bumped whenever the bytes written for the same inputs change, so old keys stop matching. */
export const ARCHIVE_GENERATOR_REVISION = 1;

interface KeyInput {
  format: string;
  composerJson: string;
  files: readonly ArtifactFile[];
  emptyDirs: readonly string[];
}

// The same file list (a directory unchanged since the last release) with the same composer.json has the same key.
const keys = new WeakMap<readonly ArtifactFile[], Map<string, string>>();

/** A hash of everything that decides an artifact's bytes: equal keys mean equal archives. */
export function contentKey(input: KeyInput): string {
  const known = keys.get(input.files) ?? new Map<string, string>();
  keys.set(input.files, known);
  const rest = `${input.format}\0${input.emptyDirs.join('\0')}\0${input.composerJson}`;
  let key = known.get(rest);
  if (key === undefined) known.set(rest, (key = computeKey(input)));
  return key;
}

function computeKey(input: KeyInput): string {
  const hash = createHash('sha256');
  hash.update(`mageos-repo artifact ${ARCHIVE_GENERATOR_REVISION} ${input.format}\n`);
  hash.update(`${Buffer.byteLength(input.composerJson)}\n${input.composerJson}\n`);
  const files = [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // One update for the whole list: a native call per file cost more than the hashing.
  const lines = files.map((f) => `${f.executable ? 'x' : '-'} ${f.oid} ${f.path}\0`);
  for (const d of [...input.emptyDirs].sort()) lines.push(`d ${d}\0`);
  hash.update(lines.join(''));
  return hash.digest('hex');
}
