import type { Config } from '../../core/config/schema.js';
import { MageosError } from '../../core/errors.js';
import { redactUrl } from '../../adapters/git/cache-clone.js';
import { archiveSourceName } from './archive-source.js';
import { sourceName } from './source-session.js';

/**
 * Reports, caches and the state tell sources apart by name: two with the same name (two urls ending in the same
 * repository name, say) is a config error naming both, before anything is opened.
 */
export function checkSourceNames(config: Pick<Config, 'sources' | 'archives'>): void {
  const named = [
    ...config.sources.map((s, i) => ({ name: sourceName(s), path: `$.sources[${i}]`, where: redactUrl(s.url ?? s.path ?? '') })),
    ...(config.archives ?? []).map((a, i) => ({ name: archiveSourceName(a), path: `$.archives[${i}]`, where: redactUrl(a.url ?? a.path ?? '') })),
  ];
  const seen = new Map<string, (typeof named)[number]>();
  const problems: Array<{ path: string; message: string }> = [];
  for (const entry of named) {
    const first = seen.get(entry.name);
    if (first === undefined) seen.set(entry.name, entry);
    else problems.push({ path: entry.path, message: `the name "${entry.name}" (${entry.where}) is already the name of ${first.path} (${first.where})` });
  }
  if (problems.length === 0) return;
  const lines = problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
  throw new MageosError('ERR_CONFIG_INVALID', `two sources have the same name (${problems.length} problem(s)):\n${lines}`, {
    hint: 'Give each source a distinct "name" in a config file; without one, a source is named after the last part of its url or path.',
    details: problems,
  });
}
