/**
 * Where a package's files start inside its archive: at the root when it holds composer.json there, else in
 * the one top-level directory every entry sits in (as GitHub's zipballs have it). Null when neither holds one.
 */
export function archiveRoot(names: readonly string[]): string | null {
  if (names.includes('composer.json')) return '';
  const tops = new Set(names.map((n) => n.split('/', 1)[0]));
  if (tops.size !== 1) return null;
  const prefix = `${[...tops][0]}/`;
  return names.includes(`${prefix}composer.json`) ? prefix : null;
}
