import type { Night, StatusDocument } from './status-document.js';

/** installable: a night is served and the newest night did not fail; failing: the newest night failed; none: nothing was ever published. */
export type NightlyState = 'installable' | 'failing' | 'none';

export interface StatusSummary {
  state: NightlyState;
  /** The night the metadata serves, or null. */
  served: string | null;
  /** The oldest night of the unbroken run of published or unchanged nights that ends at the served night (as far as the history goes back). */
  installableSince: string | null;
  /** The newest night in the history and how it ended, or null for an empty history. */
  newest: { night: string; result: Night['result'] } | null;
  /** One sentence saying all of the above, e.g. "Tonight's night 2026-12-07 failed; still serving 2026-12-06, installable since 2026-12-01." */
  sentence: string;
}

/** The nights newest first, whatever order the document lists them in (one night listed twice keeps the document's order). */
export function nightsNewestFirst(document: StatusDocument): Night[] {
  return [...document.nights].sort((a, b) => (a.night < b.night ? 1 : a.night > b.night ? -1 : 0));
}

function installableSince(nights: readonly Night[], served: string): string {
  const start = nights.findIndex((n) => n.night === served);
  if (start < 0) return served;
  let since = served;
  for (const night of nights.slice(start)) {
    if (night.result === 'failed') break;
    since = night.night;
  }
  return since;
}

function sentenceOf(state: NightlyState, served: string | null, since: string | null, newest: StatusSummary['newest']): string {
  const last = newest === null ? '' : newest.result === 'failed' ? `the newest night, ${newest.night}, failed` : newest.result === 'unchanged' ? `the newest night, ${newest.night}, had no changes` : '';
  if (state === 'none') return `No nightly has been published yet${last === '' ? '' : `; ${last}`}.`;
  const serving = `serving ${served}, installable since ${since}`;
  if (state === 'failing') return `The newest night, ${newest?.night}, failed; still ${serving}.`;
  return `Serving ${served}, installable since ${since}${last === '' ? '' : `; ${last}`}.`;
}

/** What the status page, the badge and `mageos-repo status` say first: is the nightly installable, since when, which night. */
export function summarizeStatus(document: StatusDocument): StatusSummary {
  const nights = nightsNewestFirst(document);
  const first = nights[0];
  const newest = first === undefined ? null : { night: first.night, result: first.result };
  const served = document.served;
  const state: NightlyState = served === null ? 'none' : newest?.result === 'failed' ? 'failing' : 'installable';
  const since = served === null ? null : installableSince(nights, served);
  return { state, served, installableSince: since, newest, sentence: sentenceOf(state, served, since, newest) };
}
