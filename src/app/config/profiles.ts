import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-info.js';

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
