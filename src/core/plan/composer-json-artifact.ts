import { type ComposerJson, serializeComposerJson } from './composer-json.js';
import { contentKey } from './content-key.js';
import type { ArtifactSummary, PlannedArtifact } from './types.js';
import { normalizeVersion } from '../version/index.js';

/**
 * A package made outside any tree whose archive holds only its composer.json (a metapackage unless its type says
 * otherwise, e.g. a project template), at the version the composer.json states, released with `at`.
 */
export function composerJsonArtifact(json: ComposerJson, at: Pick<ArtifactSummary, 'source' | 'tag' | 'commit' | 'time'>, format: string): PlannedArtifact {
  const composerJson = serializeComposerJson(json);
  const version = String(json.version);
  return {
    name: json.name,
    version,
    versionNormalized: normalizeVersion(version),
    kind: json.type === 'metapackage' ? 'metapackage' : 'package',
    source: at.source,
    tag: at.tag,
    commit: at.commit,
    time: at.time,
    dir: '',
    files: [],
    emptyDirs: [],
    composerJson,
    key: contentKey({ format, composerJson, files: [], emptyDirs: [] }),
  };
}
