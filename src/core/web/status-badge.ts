// Written by hand: a shields.io-style "flat" badge is a few rectangles and two texts; a badge library would add a
// font-metrics dependency for that. Text widths come from Verdana's advance widths (11 px), as shields.io measures.
import type { StatusSummary } from '../status/status-summary.js';
import { escapeHtml } from './escape-html.js';

/** Verdana advance widths in font units (2048 per em) of the characters a badge shows; others count as an "m". */
const ADVANCE: Readonly<Record<string, number>> = {
  ' ': 720, '-': 874, a: 1255, b: 1300, c: 1120, d: 1300, e: 1233, f: 720, g: 1300, h: 1300, i: 563, j: 694, k: 1186, l: 563,
  m: 1995, n: 1300, o: 1247, p: 1300, q: 1300, r: 874, s: 1067, t: 807, u: 1300, v: 1186, w: 1685, x: 1186, y: 1186, z: 1075,
};
const DIGIT = 1303;

function textWidth(text: string): number {
  let units = 0;
  for (const c of text) units += c >= '0' && c <= '9' ? DIGIT : (ADVANCE[c] ?? ADVANCE.m ?? 0);
  return Math.round((units / 2048) * 11);
}

const COLOURS = { installable: '#4c1', failing: '#e05d44', none: '#9f9f9f' } as const;

/** The right half of the badge: `installable 2026-12-07`, `failing` or `none`. */
export function badgeMessage(summary: StatusSummary): string {
  return summary.state === 'installable' ? `installable ${summary.served}` : summary.state;
}

/** badge.svg: "nightly | installable 2026-12-07" in green, "failing" in red, "none" in grey; the same summary gives the same bytes. */
export function statusBadge(summary: StatusSummary): string {
  const label = 'nightly';
  const message = badgeMessage(summary);
  const left = textWidth(label) + 10;
  const right = textWidth(message) + 10;
  const width = left + right;
  const text = (x: number, value: string) =>
    `<text x="${x}" y="15" fill="#010101" fill-opacity=".3">${escapeHtml(value)}</text><text x="${x}" y="14">${escapeHtml(value)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${escapeHtml(`${label}: ${message}`)}">` +
    `<title>${escapeHtml(`${label}: ${message}`)}</title>` +
    '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>' +
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${COLOURS[summary.state]}"/><rect width="${width}" height="20" fill="url(#s)"/></g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">${text(left / 2, label)}${text(left + right / 2, message)}</g>` +
    '</svg>\n';
}
