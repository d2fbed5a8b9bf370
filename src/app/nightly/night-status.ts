import { readFileSync } from 'node:fs';
import { commitSubjects } from '../../adapters/git/commit-subjects.js';
import { writeFileAtomicSync } from '../../adapters/fs/atomic-file.js';
import type { OutputDirectory } from '../../adapters/fs/output-directory.js';
import type { NightRecord } from '../../core/nightly/night-ledger.js';
import { type CheckResult, type Night, type SourceOfNight, StatusDocument } from '../../core/status/status-document.js';
import type { SourceSession } from '../builder/source-session.js';
import { writeStatusFiles } from '../status/write-status-files.js';

/** Nights the status history keeps. */
const HISTORY = 60;
/** Commit subjects and package names listed per night. */
const CAP = 20;

export interface NightOutcome {
  night: string;
  startedAt: number;
  result: Night['result'];
  /** The night built (null when it stopped before its branch heads were read). */
  tonight: NightRecord | null;
  /** The night served before this run. */
  before: NightRecord | undefined;
  built: number;
  reused: number;
  /** Packages with content new since the night before. */
  changed: string[];
  checks: CheckResult[];
  error?: { code: string; message: string };
}

/** The sources of the night with the commits since the night before, for the status page. */
async function sourcesOf(tonight: NightRecord, before: NightRecord | undefined, sessions: readonly SourceSession[]): Promise<SourceOfNight[]> {
  return Promise.all(
    tonight.sources.map(async (s) => {
      const session = sessions.find((x) => x.name === s.name);
      const since = before?.sources.find((b) => b.name === s.name)?.commit ?? null;
      const { subjects, more } = session === undefined ? { subjects: [], more: 0 } : await commitSubjects(session.gitDir, since, s.commit, CAP);
      return { name: s.name, branch: s.branch, commit: s.commit, commitDate: new Date(s.time * 1000).toISOString(), changes: subjects, ...(more > 0 ? { moreChanges: more } : {}) };
    }),
  );
}

/** The status document in the repository, or a new one when there is none or it cannot be read (it is ours to rewrite). */
function readStatus(out: OutputDirectory, repository: string): StatusDocument {
  try {
    const parsed = StatusDocument.safeParse(JSON.parse(readFileSync(out.path('status.json'), 'utf8')));
    if (parsed.success) return { ...parsed.data, repository };
  } catch {
    // Missing or damaged: the history starts again.
  }
  return { schemaVersion: 1, repository, served: null, nights: [] };
}

/** Adds this run's night to status.json (a night run again replaces its entry) and returns the document written. */
export async function recordNight(out: OutputDirectory, repository: string, outcome: NightOutcome, served: string | null, sessions: readonly SourceSession[]): Promise<StatusDocument> {
  const { changed } = outcome;
  const night: Night = {
    night: outcome.night,
    startedAt: new Date(outcome.startedAt).toISOString(),
    durationMs: Date.now() - outcome.startedAt,
    result: outcome.result,
    sources: outcome.tonight === null ? [] : await sourcesOf(outcome.tonight, outcome.before, sessions),
    packages: { built: outcome.built, reused: outcome.reused, changed: changed.slice(0, CAP), ...(changed.length > CAP ? { moreChanged: changed.length - CAP } : {}) },
    checks: outcome.checks,
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
  };
  const previous = readStatus(out, repository);
  const nights = [night, ...previous.nights.filter((n) => n.night !== night.night)].sort((a, b) => (a.night < b.night ? 1 : a.night > b.night ? -1 : 0)).slice(0, HISTORY);
  const document: StatusDocument = { schemaVersion: 1, repository, served, nights };
  writeFileAtomicSync(out.path('status.json'), `${JSON.stringify(document, null, 2)}\n`, out.tmpDir);
  writeStatusFiles(out.root, document, out.tmpDir);
  return document;
}
