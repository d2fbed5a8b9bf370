import { readFile } from 'node:fs/promises';
import { MageosError } from '../../core/errors.js';

/** Reads a JSON file; a missing or malformed file is an error that names it. */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new MageosError('ERR_CONFIG_NOT_FOUND', `cannot read ${what} ${path}: ${(cause as NodeJS.ErrnoException).code ?? cause}`, {
      hint: 'Check the path.',
      cause,
    });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new MageosError('ERR_CONFIG_INVALID', `${what} ${path} is not valid JSON: ${(cause as Error).message}`, {
      hint: 'Fix the JSON syntax (a JSON validator or `jq . <file>` shows where).',
      cause,
    });
  }
}
