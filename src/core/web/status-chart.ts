import { durationText } from '../status/time-text.js';
import type { Night } from '../status/status-document.js';
import { escapeHtml } from './escape-html.js';

/** The colour and mark of each result, shared by the chart, the page and its legend (a mark, so colour is not the only sign). */
export const RESULT_LOOK: Readonly<Record<Night['result'], { colour: string; mark: string; word: string }>> = {
  published: { colour: '#1a7f37', mark: '✓', word: 'published' },
  failed: { colour: '#c62828', mark: '✕', word: 'failed' },
  unchanged: { colour: '#8c959f', mark: '=', word: 'unchanged' },
};

const SLOT = 34;
const BAR = 22;
const TOP = 30;
const HEIGHT = 110;
const LABELS = 30;
const LEFT = 8;

/** An inline SVG bar chart of the nights, oldest on the left: bar height is the duration, colour and mark the result; each bar links to its night. */
export function historyChart(nightsNewestFirst: readonly Night[]): string {
  const nights = [...nightsNewestFirst].reverse();
  const longest = Math.max(1, ...nights.map((n) => n.durationMs));
  const width = LEFT * 2 + SLOT * Math.max(nights.length, 1);
  const bars = nights.map((night, i) => {
    const look = RESULT_LOOK[night.result];
    const h = Math.max(3, Math.round((night.durationMs / longest) * HEIGHT));
    const x = LEFT + i * SLOT + (SLOT - BAR) / 2;
    const y = TOP + HEIGHT - h;
    const centre = x + BAR / 2;
    const label = `${night.night}: ${look.word}, ${durationText(night.durationMs)}`;
    return (
      `<a href="#night-${escapeHtml(night.night)}"><title>${escapeHtml(label)}</title>` +
      `<rect x="${x}" y="${y}" width="${BAR}" height="${h}" rx="2" fill="${look.colour}"/>` +
      `<text x="${centre}" y="${y - 5}" text-anchor="middle" fill="${look.colour}" font-size="12">${look.mark}</text>` +
      `<text x="${centre}" y="${TOP + HEIGHT + 14}" text-anchor="middle" font-size="10" fill="#57606a">${escapeHtml(night.night.slice(5))}</text></a>`
    );
  });
  const total = TOP + HEIGHT + LABELS;
  const axis = `<line x1="${LEFT}" y1="${TOP + HEIGHT + 0.5}" x2="${width - LEFT}" y2="${TOP + HEIGHT + 0.5}" stroke="#d0d7de"/>`;
  const scale =
    `<line x1="${LEFT}" y1="${TOP + 0.5}" x2="${width - LEFT}" y2="${TOP + 0.5}" stroke="#d0d7de" stroke-dasharray="3 3"/>` +
    `<text x="${LEFT}" y="11" font-size="10" fill="#57606a">longest: ${escapeHtml(durationText(longest))}</text>`;
  const described = `Result and duration of the last ${nights.length} night(s), oldest on the left`;
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}" role="img" aria-label="${described}" font-family="system-ui,sans-serif">${scale}${axis}${bars.join('')}</svg>`;
}
