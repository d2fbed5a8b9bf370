import { problemsOf } from '../config/parse-config.js';
import { issueMessage } from '../config/issue-messages.js';
import { MageosError } from '../errors.js';
import { jsonErrorReason } from '../json-error.js';
import { StatusDocument } from './status-document.js';

const HINT = 'status.json is written by the nightly build (docs/nightly.md); run it again to rewrite the file.';

/** Reads the text of a status.json: any text gives the document or an ERR_STATUS_INVALID naming `file` and each problem's JSON path. */
export function parseStatusDocument(text: string, file: string): StatusDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (cause) {
    throw new MageosError('ERR_STATUS_INVALID', `${file} is not valid JSON${jsonErrorReason(text, cause)}`, { hint: HINT, cause });
  }
  const result = StatusDocument.safeParse(raw, { error: issueMessage });
  if (result.success) return result.data;
  const problems = problemsOf(result.error);
  const lines = problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
  throw new MageosError('ERR_STATUS_INVALID', `${file} is not a valid nightly status document (${problems.length} problem(s)):\n${lines}`, { hint: HINT, details: problems });
}
