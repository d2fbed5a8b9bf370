import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { checkTemplate, type PackageTemplate } from '../../core/distribution/templates.js';
import { MageosError } from '../../core/errors.js';
import { readJsonFile } from './read-json-file.js';
import { unreadableReason } from './unreadable-reason.js';

/** The templates of a directory: every `<short-name>.json` in it, checked, by file name; other files are left alone. */
export async function readTemplates(dir: string): Promise<PackageTemplate[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (cause) {
    throw new MageosError('ERR_CONFIG_NOT_FOUND', `cannot read the templates directory ${dir}: ${unreadableReason(cause)}`, {
      hint: 'Check distribution.templates: a directory (relative to the config file) or "builtin:mageos".',
      cause,
    });
  }
  const files = names.filter((n) => n.endsWith('.json')).sort();
  return Promise.all(files.map(async (n) => {
    const file = join(dir, n);
    return checkTemplate(file, n.slice(0, -'.json'.length), await readJsonFile(file, 'template'));
  }));
}
