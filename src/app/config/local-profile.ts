import { readFileSync } from 'node:fs';
import { MageosError } from '../../core/errors.js';
import { profilePath } from './profiles.js';

/**
 * Some sources of a built-in profile, read from local repositories instead of their URLs (and with every tag):
 * how the demo and the tests run a profile's real rules on generated repositories.
 */
export function localProfileSources(profile: string, paths: Record<string, string>): Array<Record<string, unknown>> {
  const config = JSON.parse(readFileSync(profilePath(profile), 'utf8')) as { sources: Array<Record<string, unknown>> };
  return Object.entries(paths).map(([name, path]) => {
    const source = config.sources.find((s) => s.name === name);
    if (source === undefined) throw new MageosError('ERR_PROFILE_UNKNOWN', `profile "${profile}" has no source "${name}"`);
    const { url: _url, tags: _tags, ...rest } = source;
    return { ...rest, path };
  });
}
