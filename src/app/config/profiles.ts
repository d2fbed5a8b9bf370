import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

export interface ProfileSummary {
  name: string;
  file: string;
  /** The profile's one-line `description`; empty when it has none (or cannot be read: `build --profile` says why). */
  description: string;
}

/** The built-in profiles with what each builds, for `mageos-repo profiles`. */
export function listProfiles(): ProfileSummary[] {
  return profileNames().map((name) => {
    const file = profilePath(name);
    let description = '';
    try {
      const value = (JSON.parse(readFileSync(file, 'utf8')) as { description?: unknown }).description;
      if (typeof value === 'string') description = value;
    } catch {
      // A broken profile still gets listed; building it reports the problem with its JSON path.
    }
    return { name, file, description };
  });
}
