import type { Config } from '../../core/config/schema.js';
import { archiveSourceName } from '../builder/archive-source.js';
import { sourceName } from '../builder/source-session.js';

/** Where one source or archive source of the resolved config is read from, after "extends", "urlRewrites" and --source-url. */
export type EffectiveSource = { kind: 'source' | 'archive'; name: string } & ({ url: string } | { path: string });

const locationOf = (s: { url?: string | undefined; path?: string | undefined }) => (s.url !== undefined ? { url: s.url } : { path: s.path as string });

/** Every source and archive source with its final url or path, in config order, as `build --dry-run` shows them. */
export function effectiveSources(config: Pick<Config, 'sources' | 'archives'>): EffectiveSource[] {
  return [
    ...config.sources.map((s) => ({ kind: 'source' as const, name: sourceName(s), ...locationOf(s) })),
    ...(config.archives ?? []).map((a) => ({ kind: 'archive' as const, name: archiveSourceName(a), ...locationOf(a) })),
  ];
}
