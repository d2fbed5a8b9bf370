import type { Config } from '../../core/config/schema.js';
import type { ReleaseRef } from '../../core/plan/types.js';
import type { BuildOptions } from './build-options.js';
import { reportStale, sourceReport } from './build-report.js';
import type { BuildProgress, BuildResult } from './build-result.js';
import { loadReleases } from './release-planner.js';
import { runPool } from './run-pool.js';
import { SourceSession } from './source-session.js';

/** An open source and the releases this build takes from it. */
export interface SourceWork {
  session: SourceSession;
  releases: ReleaseRef[];
  rulesHash: string;
}

export type OpenedSource = { session: SourceSession } & Awaited<ReturnType<typeof loadReleases>>;

/** Sources opened and fetched at once. */
const SOURCE_CONCURRENCY = 4;

/**
 * Opens every source (a few at a time: a profile can name dozens, each a fetch and a git process) and lists its
 * releases; results in config order. Each session is added to `sessions` as soon as it is open, for closing.
 */
export async function openSources(
  config: Config,
  options: BuildOptions,
  sessions: SourceSession[],
  progress: (p: BuildProgress) => void,
): Promise<OpenedSource[]> {
  const opened: OpenedSource[] = [];
  let done = 0;
  await runPool([...config.sources.entries()], SOURCE_CONCURRENCY, async ([i, source]) => {
    progress({ phase: 'sources', done, total: config.sources.length, detail: source.url ?? source.path });
    // With --keep-going a source that cannot be fetched is built as its cache clone stands (an error, reported).
    const session = await SourceSession.open(source, { cacheDir: options.cacheDir, offline: options.offline, keepStale: options.keepGoing });
    sessions.push(session);
    opened[i] = { session, ...(await loadReleases(session)) };
    done++;
  });
  return opened;
}

/** Reports each opened source (its releases, a stale fetch, no release at all) and returns its work, rules not hashed yet. */
export function sourceWork(opened: OpenedSource[], result: BuildResult): SourceWork[] {
  const work: SourceWork[] = [];
  for (const { session, releases, ignored } of opened) {
    work.push({ session, releases, rulesHash: '' });
    result.sources.push(sourceReport(session, releases, ignored));
    if (session.fetchError !== undefined) reportStale(result, session.name, session.fetchError);
    // A source without package rules only lends files to others: no release is what it should have.
    if (releases.length === 0 && session.config.packages?.length !== 0 && session.config.branch === undefined) {
      const message = ignored.length > 0 ? `no release: none of its ${ignored.length} tag(s) is one (see the ignored tags)` : 'no release: the source has no tags';
      result.warnings.push({ source: session.name, message });
    }
  }
  return work;
}
