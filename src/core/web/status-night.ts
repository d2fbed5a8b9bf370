import { dateTimeText, durationText } from '../status/time-text.js';
import type { CheckResult, Night, SourceOfNight } from '../status/status-document.js';
import { escapeHtml } from './escape-html.js';
import { RESULT_LOOK } from './status-chart.js';

/** How many commit subjects or package names a night shows before "and N more". */
export const SHOWN_CHANGES = 15;

const SHORT_SHA = 10;

const PUBLISHED_WORDS: Readonly<Record<Night['result'], string>> = {
  published: '',
  failed: 'not published',
  unchanged: 'nothing new to publish',
};

/** The first SHOWN_CHANGES items, escaped, and how many more there are (those listed but not shown plus those the document only counts). */
function capped(items: readonly string[], moreInDocument: number | undefined): { shown: string[]; more: number } {
  const shown = items.slice(0, SHOWN_CHANGES).map(escapeHtml);
  return { shown, more: items.length - shown.length + (moreInDocument ?? 0) };
}

const andMore = (more: number) => (more > 0 ? `<li class="k">and ${more} more</li>` : '');

function sourcesTable(sources: readonly SourceOfNight[]): string {
  if (sources.length === 0) return '<p class="k">No sources recorded.</p>';
  const rows = sources.map(
    (s) =>
      `<tr><td>${escapeHtml(s.name)}</td><td><code>${escapeHtml(s.branch)}</code></td>` +
      `<td><code title="${escapeHtml(s.commit)}">${escapeHtml(s.commit.slice(0, SHORT_SHA))}</code></td><td>${escapeHtml(dateTimeText(s.commitDate))}</td></tr>`,
  );
  return `<div class="scroll"><table><thead><tr><th>source</th><th>branch</th><th>commit</th><th>commit date</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function changes(night: Night): string {
  const packages = capped(night.packages.changed, night.packages.moreChanged);
  const changedCount = packages.shown.length + packages.more;
  const packageList =
    changedCount === 0
      ? '<p class="k">No package has new content.</p>'
      : `<p>Packages with new content (${changedCount}):</p><ul class="names">${packages.shown.map((p) => `<li><code>${p}</code></li>`).join('')}${andMore(packages.more)}</ul>`;
  const commits = night.sources.map((s) => {
    const subjects = capped(s.changes, s.moreChanges);
    const count = subjects.shown.length + subjects.more;
    const title = `<p><b>${escapeHtml(s.name)}</b> <span class="k">${count} commit(s) on ${escapeHtml(s.branch)}</span></p>`;
    return count === 0 ? '' : `${title}<ul>${subjects.shown.map((c) => `<li>${c}</li>`).join('')}${andMore(subjects.more)}</ul>`;
  });
  return `<h3>Changes since the previous night</h3>${packageList}${commits.join('')}`;
}

const CHECK_LOOK: Readonly<Record<CheckResult['result'], string>> = { passed: 'ok', failed: 'bad', skipped: 'k' };

function check(c: CheckResult): string {
  const duration = c.durationMs === undefined ? '' : ` <span class="k">${escapeHtml(durationText(c.durationMs))}</span>`;
  const summary = c.summary === undefined ? '' : ` — ${escapeHtml(c.summary)}`;
  const excerpt = c.excerpt === undefined || c.excerpt === '' ? '' : `<details class="log"><summary>log excerpt</summary><pre>${escapeHtml(c.excerpt)}</pre></details>`;
  return `<li><span class="${CHECK_LOOK[c.result]}"><b>${escapeHtml(c.name)}</b> ${c.result}</span>${duration}${summary}${excerpt}</li>`;
}

function checks(night: Night): string {
  const error = night.error === undefined ? '' : `<p class="bad"><code>${escapeHtml(night.error.code)}</code> ${escapeHtml(night.error.message)}</p>`;
  const list = night.checks.length === 0 ? '<p class="k">No checks ran.</p>' : `<ul class="checks">${night.checks.map(check).join('')}</ul>`;
  return `<h3>Checks</h3>${error}${list}`;
}

/** One night of the history: a <details> whose summary line says date, result, publication, duration and packages. */
export function nightSection(night: Night, open: boolean): string {
  const look = RESULT_LOOK[night.result];
  const facts = [
    PUBLISHED_WORDS[night.result],
    durationText(night.durationMs),
    `${night.packages.built} built, ${night.packages.reused} reused`,
    `started ${dateTimeText(night.startedAt)}`,
  ].filter((fact) => fact !== '');
  const summary =
    `<summary><b class="date">${escapeHtml(night.night)}</b> <span class="pill" style="background:${look.colour}">${look.mark} ${look.word}</span> ` +
    `<span class="k facts-line">${facts.map((fact) => `<span>${escapeHtml(fact)}</span>`).join(' · ')}</span></summary>`;
  return `<details class="night" id="night-${escapeHtml(night.night)}"${open ? ' open' : ''}>${summary}<div class="body">${checks(night)}<h3>Sources</h3>${sourcesTable(night.sources)}${changes(night)}</div></details>`;
}
