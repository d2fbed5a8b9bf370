import { readZipEntries, readZipEntry } from '../../adapters/zip/zip-reader.js';
import type { PlannedArtifact } from '../../core/plan/types.js';
import type { DriftReport } from './build-result.js';

function parseJson(data: Buffer | null): Record<string, unknown> {
  try {
    return data === null ? {} : (JSON.parse(data.toString('utf8')) as Record<string, unknown>);
  } catch {
    return {};
  }
}

/** Says how a rebuilt archive differs from the published one: entries added, removed, changed, composer.json keys. */
export async function describeDrift(published: string, rebuilt: string, artifact: PlannedArtifact, file: string): Promise<DriftReport> {
  const [before, after] = await Promise.all([readZipEntries(published), readZipEntries(rebuilt)]);
  const old = new Map(before.map((e) => [e.name, e]));
  const now = new Map(after.map((e) => [e.name, e]));
  const changed = [...now.values()]
    .filter((e) => {
      const o = old.get(e.name);
      return o !== undefined && (o.crc32 !== e.crc32 || o.size !== e.size || o.externalAttributes !== e.externalAttributes || o.method !== e.method);
    })
    .map((e) => e.name);
  const oldJson = parseJson(await readZipEntry(published, 'composer.json'));
  const newJson = parseJson(await readZipEntry(rebuilt, 'composer.json'));
  const keys = [...new Set([...Object.keys(oldJson), ...Object.keys(newJson)])];
  const order = before.map((e) => e.name).join('\n') !== after.map((e) => e.name).join('\n');
  return {
    package: artifact.name,
    version: artifact.version,
    file,
    source: artifact.source,
    tag: artifact.tag,
    added: [...now.keys()].filter((n) => !old.has(n)),
    removed: [...old.keys()].filter((n) => !now.has(n)),
    changed: changed.length === 0 && order ? ['(entry order)'] : changed,
    composerJson: keys
      .filter((k) => JSON.stringify(oldJson[k]) !== JSON.stringify(newJson[k]))
      .map((k) => ({ key: k, published: oldJson[k], rebuilt: newJson[k] })),
  };
}
