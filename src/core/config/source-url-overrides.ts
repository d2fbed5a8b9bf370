import { MageosError } from '../errors.js';
import { type SourceLocation, relocated, relocatedArchive } from './source-location.js';

type Entry = Record<string, unknown>;

/**
 * A raw config whose named sources (or archive sources) read from other locations, as `--source-url name=location`
 * asks; a name the config does not have is an error that lists the ones it has.
 */
export function withSourceLocations(raw: Entry, locations: Readonly<Record<string, SourceLocation>>, origin: string): Entry {
  const sources = Array.isArray(raw.sources) ? (raw.sources as Entry[]) : [];
  const archives = Array.isArray(raw.archives) ? (raw.archives as Entry[]) : [];
  for (const name of Object.keys(locations)) {
    if (![...sources, ...archives].some((s) => s.name === name)) {
      const names = [...sources, ...archives].map((s) => s.name).filter((n) => typeof n === 'string');
      throw new MageosError('ERR_USAGE', `--source-url names source "${name}", which ${origin} does not have`, {
        hint: `Its sources: ${names.join(', ') || '(none named)'}.`,
      });
    }
  }
  const moved = (move: typeof relocated) => (entry: Entry): Entry => {
    const location = typeof entry.name === 'string' && Object.hasOwn(locations, entry.name) ? locations[entry.name] : undefined;
    return location === undefined ? entry : move(entry, location);
  };
  return {
    ...raw,
    ...(Array.isArray(raw.sources) ? { sources: sources.map(moved(relocated)) } : {}),
    ...(Array.isArray(raw.archives) ? { archives: archives.map(moved(relocatedArchive)) } : {}),
  };
}
