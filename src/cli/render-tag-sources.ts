import type { TagSourcesReport } from '../app/distribution/tag-sources.js';

/** What --tag-sources wrote, a line per source. */
export function renderTagSources(report: TagSourcesReport | undefined): string[] {
  if (report === undefined) return [];
  return report.sources.map((s) =>
    s.status === 'skipped'
      ? `source ${s.name}: not tagged: ${s.reason}`
      : `source ${s.name}: ${s.status === 'written' ? 'wrote' : 'already has'} branch ${s.branch} and tag ${s.tag} (${s.commit.slice(0, 12)}, ${s.files.length} composer.json file(s))`,
  );
}
