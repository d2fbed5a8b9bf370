import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

/** A file a reference from metadata names: inside the root, absent, or refused with the reason. */
export type RootLookup = { file: string } | { absent: true } | { outside: string };

const BAD_SEGMENT = /[/\\\0]/;

/**
 * The one gate between names taken from a repository's metadata and the files this machine opens: the path
 * segments (already decoded) must each be a plain name, and the file they lead to, symlinks resolved, must lie
 * inside the root. Every file a local repository reads by a name from its metadata is found here.
 */
export async function fileInsideRoot(root: string, segments: readonly string[]): Promise<RootLookup> {
  const bad = segments.find((s) => s === '' || s === '.' || s === '..' || BAD_SEGMENT.test(s));
  if (bad !== undefined || segments.length === 0) return { outside: `the path segment ${JSON.stringify(bad ?? '')} does not name a file inside ${root}` };
  const realRoot = await realpath(root);
  const candidate = join(realRoot, ...segments);
  const real = await realpath(candidate).catch(() => null);
  if (real === null) return { absent: true };
  const inside = relative(realRoot, real);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return { outside: `${candidate} leads to ${real}, outside ${root}` };
  return (await stat(real)).isFile() ? { file: real } : { absent: true };
}
