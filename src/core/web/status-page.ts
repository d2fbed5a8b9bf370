import type { StatusDocument } from '../status/status-document.js';
import { nightsNewestFirst, type NightlyState, summarizeStatus } from '../status/status-summary.js';
import { escapeHtml } from './escape-html.js';
import { historyChart, RESULT_LOOK } from './status-chart.js';
import { nightSection } from './status-night.js';

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:64rem;padding:1rem 1.5rem;color:#1d1d1f}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .5rem}h3{font-size:1rem;margin:1rem 0 .3rem}
code,pre{font:13px ui-monospace,monospace}code{background:#f3f3f5;border-radius:4px;padding:0 .25rem}
.banner{border-radius:8px;padding:.9rem 1.2rem;margin:1rem 0;border-left:8px solid}.banner p{margin:.2rem 0}
.banner .state{font-size:1.4rem;font-weight:700}.installable{background:#e8f5ec;border-color:#1a7f37}.installable .state{color:#1a7f37}
.failing{background:#fdecea;border-color:#c62828}.failing .state{color:#c62828}.none{background:#f0f1f3;border-color:#8c959f}.none .state{color:#57606a}
dl.facts{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem;margin:.5rem 0 0}dl.facts dt{color:#57606a}dl.facts dd{margin:0;font-weight:600}
.scroll{overflow-x:auto}svg.chart{max-width:100%;height:auto}table{border-collapse:collapse}td,th{text-align:left;padding:.2rem 1rem .2rem 0;vertical-align:top}th{color:#57606a;font-weight:600}td code{white-space:nowrap}
details.night{border-top:1px solid #e3e3e8;padding:.45rem 0}details.night>summary{cursor:pointer}.body{padding:0 0 .5rem 1.2rem}
.pill{color:#fff;border-radius:1rem;padding:0 .55rem;font-size:.85rem;font-weight:600;white-space:nowrap}.date{font-variant-numeric:tabular-nums}
ul{margin:.2rem 0;padding-left:1.3rem}ul.names{columns:18rem}ul.checks>li{margin:.25rem 0}
details.log summary{cursor:pointer;color:#57606a}pre{background:#f6f8fa;border:1px solid #e3e3e8;border-radius:6px;padding:.5rem .7rem;max-height:20rem;overflow:auto;white-space:pre-wrap;overflow-wrap:anywhere}
.ok{color:#1a7f37}.bad{color:#c62828}.k{color:#57606a}.legend span{margin-right:1rem;white-space:nowrap}.facts-line>span{white-space:nowrap}
footer{margin-top:2rem;color:#777;font-size:.85rem}`;

/** The chart shows this many newest nights: enough for a month, still readable when scaled to a phone's width. */
const CHARTED_NIGHTS = 31;

const STATE_WORDS: Readonly<Record<NightlyState, string>> = {
  installable: '✓ The nightly is installable',
  failing: '✕ The newest night failed',
  none: '– No nightly is published',
};

function banner(document: StatusDocument): string {
  const summary = summarizeStatus(document);
  const facts: Array<[string, string]> = [
    ['served night', summary.served ?? 'none'],
    ['installable since', summary.installableSince ?? '—'],
    ['newest night', summary.newest === null ? 'none yet' : `${summary.newest.night} (${RESULT_LOOK[summary.newest.result].word})`],
  ];
  const list = facts.map(([term, value]) => `<dt>${term}</dt><dd>${escapeHtml(value)}</dd>`).join('');
  return `<section class="banner ${summary.state}"><p class="state">${STATE_WORDS[summary.state]}</p><p>${escapeHtml(summary.sentence)}</p><dl class="facts">${list}</dl></section>`;
}

function legend(): string {
  return `<p class="legend k">${Object.values(RESULT_LOOK)
    .map((look) => `<span><b style="color:${look.colour}">${look.mark}</b> ${look.word}</span>`)
    .join(' ')} <span>bar height: duration</span></p>`;
}

/**
 * status.html: whether the nightly is installable (in words and colour) first, then a chart of the last nights and each
 * night's sources, changes, packages and checks. Self-contained (no scripts, no external assets) and deterministic.
 */
export function statusPage(document: StatusDocument): string {
  const nights = nightsNewestFirst(document);
  const title = `Nightly status of ${document.repository}`;
  const history =
    nights.length === 0
      ? '<p class="k">No night has run yet.</p>'
      : `<h2>History</h2><div class="scroll">${historyChart(nights.slice(0, CHARTED_NIGHTS))}</div>${legend()}<h2>Nights</h2>${nights.map((n, i) => nightSection(n, i === 0)).join('\n')}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>
<h1>Nightly status</h1>
<p class="k">Repository: <code>${escapeHtml(document.repository)}</code></p>
${banner(document)}
${history}
<footer><p>Written by mageos-repo from <a href="status.json">status.json</a>; the badge is <a href="badge.svg">badge.svg</a>.</p></footer>
</body></html>
`;
}
