import { escapeHtml } from './escape-html.js';
import { shellWord } from './shell-word.js';

/** A command to paste into a shell, every argument quoted as needed. */
export const command = (...words: string[]): string => words.map(shellWord).join(' ');

/**
 * A command line on the page: selected whole by one click, copied by its button (shown when JavaScript runs). The
 * button's accessible name says which line it copies: a page lists many, each with its own "Copy".
 */
export const commandLineHtml = (line: string): string =>
  `<div class="cmd"><code>${escapeHtml(line)}</code><button type="button" class="copy" aria-label="${escapeHtml(`Copy: ${line}`)}">Copy</button></div>`;
