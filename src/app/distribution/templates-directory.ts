import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MageosError } from '../../core/errors.js';
import { packageRoot } from '../package-info.js';

/** `builtin:<name>` names a templates directory shipped with the tool, in `templates/<name>/` at the package root. */
export const BUILTIN_PREFIX = 'builtin:';

const BUILTIN_DIR = join(packageRoot(), 'templates');

/** The directory a `distribution.templates` value names (a path is already resolved against the config file). */
export function templatesDirectory(value: string): string {
  if (!value.startsWith(BUILTIN_PREFIX)) return value;
  const name = value.slice(BUILTIN_PREFIX.length);
  const known = existsSync(BUILTIN_DIR) ? readdirSync(BUILTIN_DIR).sort() : [];
  if (!known.includes(name)) {
    throw new MageosError('ERR_CONFIG_INVALID', `there are no built-in templates "${name}" (distribution.templates "${value}")`, {
      hint: `Built-in templates: ${known.map((k) => BUILTIN_PREFIX + k).join(', ') || '(none)'}; or give a directory.`,
    });
  }
  return join(BUILTIN_DIR, name);
}
