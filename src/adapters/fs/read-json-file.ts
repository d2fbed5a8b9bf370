import { readFile } from 'node:fs/promises';
import { MageosError } from '../../core/errors.js';
import { jsonErrorReason } from '../../core/json-error.js';
import { unreadableReason } from './unreadable-reason.js';

/** Reads a JSON file; a missing or malformed file is an error that names it. */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new MageosError('ERR_CONFIG_NOT_FOUND', `cannot read ${what} ${path}: ${unreadableReason(cause)}`, {
      hint: 'Check the path.',
      cause,
    });
  }
  // Editors on Windows may start a UTF-8 file with a byte order mark; it is not part of the JSON.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new MageosError('ERR_CONFIG_INVALID', `${what} ${path} is not valid JSON${jsonErrorReason(text, cause)}`, {
      hint: 'Fix the JSON syntax (a JSON validator or `jq . <file>` shows where).',
      cause,
    });
  }
}
