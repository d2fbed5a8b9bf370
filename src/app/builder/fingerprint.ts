import { createHash } from 'node:crypto';
import type { Config } from '../../core/config/schema.js';
import { ARCHIVE_GENERATOR_REVISION } from '../../core/plan/content-key.js';
import type { SourceWork } from './open-sources.js';

/** Everything a build's output depends on: equal to the one the state records, the repository is up to date. */
export function fingerprintOf(config: Config, work: SourceWork[], archives: unknown[]): string {
  const refs = work.map((w) => [w.session.name, w.rulesHash, w.releases.map((r) => [r.tag, r.ref, r.commit])]);
  // Without archive sources the fingerprint stays what it was, so repositories built before them stay up to date.
  const inputs = { revision: ARCHIVE_GENERATOR_REVISION, format: config.format, baseUrl: config.baseUrl, title: config.title, refs, ...(archives.length > 0 ? { archives } : {}) };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}
