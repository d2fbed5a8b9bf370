import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unreadableReason } from '../../adapters/fs/unreadable-reason.js';
import { MageosError } from '../../core/errors.js';
import { parseStatusDocument } from '../../core/status/parse-status-document.js';
import type { StatusDocument } from '../../core/status/status-document.js';
import { summarizeStatus, type StatusSummary } from '../../core/status/status-summary.js';

export interface NightlyStatus {
  file: string;
  document: StatusDocument;
  summary: StatusSummary;
}

/** The status.json of a repository directory, validated and summarized; missing, unreadable or invalid is an error naming the file (exit 9). */
export async function readStatus(dir: string): Promise<NightlyStatus> {
  const file = join(dir, 'status.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new MageosError('ERR_STATUS_UNREADABLE', `cannot read ${file}: ${unreadableReason(cause)}`, {
      hint: 'Give the directory a nightly build writes (--out); its status.json appears after the first night (docs/nightly.md).',
      cause,
    });
  }
  const document = parseStatusDocument(text, file);
  return { file, document, summary: summarizeStatus(document) };
}
