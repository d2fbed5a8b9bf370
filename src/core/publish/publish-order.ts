/**
 * The order that keeps a bucket installable while it is being written: archives (and anything else below the root)
 * first, then the metadata that points at them (`p2/`, `p/`), then the root files, `packages.json` first of them,
 * which points at the metadata; the index page and status files follow it.
 */
export type PublishPhase = 'archives' | 'metadata' | 'entry';

export const PUBLISH_PHASES: readonly PublishPhase[] = ['archives', 'metadata', 'entry'];

export function publishPhaseOf(relativePath: string): PublishPhase {
  if (relativePath.startsWith('p2/') || relativePath.startsWith('p/')) return 'metadata';
  return relativePath.includes('/') ? 'archives' : 'entry';
}

/** Sorts paths into publishing order: by phase, `packages.json` first among the root files, then by name. */
export function comparePublishOrder(a: string, b: string): number {
  const phase = PUBLISH_PHASES.indexOf(publishPhaseOf(a)) - PUBLISH_PHASES.indexOf(publishPhaseOf(b));
  if (phase !== 0) return phase;
  const first = Number(b === 'packages.json') - Number(a === 'packages.json');
  if (first !== 0) return first;
  return a < b ? -1 : a > b ? 1 : 0;
}
