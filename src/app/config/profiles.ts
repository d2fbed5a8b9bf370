import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The nearest directory above this module that holds package.json: the same from `src/`, `dist/` and the bundled CLI. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The profiles shipped with the tool live in `profiles/` at the package root (beside `src/` and `dist/`). */
export const PROFILES_DIR = join(packageRoot(), 'profiles');

export function profileNames(): string[] {
  if (!existsSync(PROFILES_DIR)) return [];
  return readdirSync(PROFILES_DIR)
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -'.json'.length))
    .sort();
}

export function profilePath(name: string): string {
  return join(PROFILES_DIR, `${name}.json`);
}
