import { normalizeVersion } from '../../core/version/index.js';
import { entryTypeProblems, jsonDeeperThan, jsonType, MAX_JSON_DEPTH } from '../../core/verify/metadata-entry.js';
import type { Dist, MetadataProblem, PackageListing, PackageVersion } from './repository.js';

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

/** A metadata entry as a PackageVersion, or what keeps it from being one. */
export function packageVersion(name: string, entry: unknown, label = 'an entry'): PackageVersion | MetadataProblem {
  if (!isObject(entry)) return { version: null, message: `${label} is ${jsonType(entry)}, not an object` };
  if (typeof entry.version !== 'string' && typeof entry.version !== 'number') return { version: null, message: `${label} has no version ("version" is ${jsonType(entry.version)})` };
  const version = String(entry.version);
  if (jsonDeeperThan(entry, MAX_JSON_DEPTH)) return { version, message: `the entry nests deeper than ${MAX_JSON_DEPTH} levels; left out` };
  if (typeof entry.name === 'string' && entry.name.toLowerCase() !== name.toLowerCase()) return { version, message: `the entry is of ${JSON.stringify(entry.name)}, not of ${name}; left out` };
  return { name, version, versionNormalized: normalizedOf(entry, version), metadata: { name, ...entry }, dist: distOf(entry) };
}

/** Entries given as a list (Composer 2) or keyed by version (Composer 1), each checked; `where` names them in problems. */
export function packageListing(name: string, entries: unknown, where: string): PackageListing {
  const listing: PackageListing = { versions: [], problems: [] };
  const list = Array.isArray(entries) ? entries : isObject(entries) ? Object.values(entries) : null;
  if (list === null) {
    listing.problems.push({ version: null, message: `${where} gives ${jsonType(entries)} for ${name}, not a list of versions` });
    return listing;
  }
  list.forEach((entry, i) => {
    const read = packageVersion(name, entry, `${where} entry ${i}`);
    if (!('versionNormalized' in read)) return void listing.problems.push(read);
    listing.versions.push(read);
    for (const message of entryTypeProblems(read.metadata)) listing.problems.push({ version: read.version, message });
  });
  return listing;
}
