import { normalizeVersion } from '../../core/version/index.js';
import type { Dist, PackageVersion } from './repository.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function normalizedOf(entry: Json, version: string): string {
  if (typeof entry.version_normalized === 'string') return entry.version_normalized;
  try {
    return normalizeVersion(version);
  } catch {
    return version;
  }
}

function distOf(entry: Json): Dist | null {
  const dist = entry.dist;
  if (!isObject(dist) || typeof dist.url !== 'string') return null;
  return { type: typeof dist.type === 'string' ? dist.type : 'zip', url: dist.url, shasum: typeof dist.shasum === 'string' ? dist.shasum : '' };
}

/** A metadata entry as a PackageVersion; null for an entry without a version, or one of another package. */
export function packageVersion(name: string, entry: unknown): PackageVersion | null {
  if (!isObject(entry) || (typeof entry.version !== 'string' && typeof entry.version !== 'number')) return null;
  if (typeof entry.name === 'string' && entry.name.toLowerCase() !== name.toLowerCase()) return null;
  const version = String(entry.version);
  return { name, version, versionNormalized: normalizedOf(entry, version), metadata: { name, ...entry }, dist: distOf(entry) };
}

/** Entries given as a list (Composer 2) or keyed by version (Composer 1). */
export function packageVersions(name: string, entries: unknown): PackageVersion[] {
  const list = Array.isArray(entries) ? entries : isObject(entries) ? Object.values(entries) : [];
  return list.map((e) => packageVersion(name, e)).filter((v): v is PackageVersion => v !== null);
}
