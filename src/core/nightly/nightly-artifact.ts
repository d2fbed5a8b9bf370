import { type ComposerJson, serializeComposerJson, withVersion } from '../plan/composer-json.js';
import { contentKey } from '../plan/content-key.js';
import type { PlannedArtifact } from '../plan/types.js';
import { normalizeVersion } from '../version/index.js';

/** Link sections whose entries on a package of the same release are pinned to its exact version. */
const PINNED_SECTIONS = ['require', 'require-dev', 'suggest'] as const;
/** Magento's sampledata:deploy finds the packages to require by this prefix of their `suggest` text. */
const SAMPLE_DATA_PREFIX = 'Sample Data version: ';

function pinned(section: string, constraint: unknown, version: string): unknown {
  if (section !== 'suggest') return version;
  return typeof constraint === 'string' && constraint.startsWith(SAMPLE_DATA_PREFIX) ? `${SAMPLE_DATA_PREFIX}${version}` : version;
}

/**
 * An artifact with the composer.json `json` (its name already final) at the version `versions` gives it, every
 * requirement on a package in `versions` pinned to that exact version (so one release installs together), and
 * the content key of the result.
 */
export function withPinnedVersions(artifact: PlannedArtifact, json: ComposerJson, versions: ReadonlyMap<string, string>, format: string): PlannedArtifact {
  const version = versions.get(json.name) ?? artifact.version;
  for (const section of PINNED_SECTIONS) {
    const links = json[section];
    if (typeof links !== 'object' || links === null || Array.isArray(links)) continue;
    json[section] = Object.fromEntries(
      Object.entries(links as Record<string, unknown>).map(([name, constraint]) => {
        const exact = versions.get(name.toLowerCase());
        return [name, exact === undefined ? constraint : pinned(section, constraint, exact)];
      }),
    );
  }
  const composerJson = serializeComposerJson(withVersion(json, version));
  return {
    ...artifact,
    name: json.name,
    version,
    versionNormalized: normalizeVersion(version),
    composerJson,
    key: contentKey({ format, composerJson, files: artifact.files, emptyDirs: artifact.emptyDirs }),
  };
}

/**
 * A package of tonight's branch head as the night publishes it: its nightly version, every requirement on a
 * package of the same night pinned to that package's exact version, and the content key of the result.
 * `versions` holds every package of the night by name.
 */
export function toNightly(artifact: PlannedArtifact, versions: ReadonlyMap<string, string>, format: string): PlannedArtifact {
  return withPinnedVersions(artifact, JSON.parse(artifact.composerJson) as ComposerJson, versions, format);
}
