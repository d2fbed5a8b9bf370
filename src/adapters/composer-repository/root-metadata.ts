import { MageosError } from '../../core/errors.js';
import { jsonErrorReason } from '../../core/json-error.js';
import { jsonType } from '../../core/verify/metadata-entry.js';

type Json = Record<string, unknown>;

/** What a repository's packages.json says about where its package metadata is, Composer 2 and Composer 1 style. */
export interface RootMetadata {
  /** Composer 2: the p2 file URL pattern with `%package%`. */
  metadataUrl: string | null;
  availablePackages: string[] | null;
  /** Composer 1: the provider file URL pattern with `%package%` and `%hash%`. */
  providersUrl: string | null;
  /** Provider listings: packages.json's own and the files named by `provider-includes`. */
  providers: Record<string, string>;
  providerIncludes: string[];
  /** Satis-style `includes` files, each holding inline `packages`. */
  includes: string[];
  /** Inline `packages`: name → version → entry. */
  packages: Record<string, Json>;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A metadata file larger than this is not read: packagist.org's largest p2 files are a few MiB. */
export const MAX_METADATA_BYTES = 64 * 1024 * 1024;

export function metadataTooLarge(where: string): MageosError {
  return new MageosError('ERR_METADATA_INVALID', `${where} is larger than ${MAX_METADATA_BYTES / 1024 / 1024} MiB; it is not read`, { hint: 'The repository is damaged or hostile; rebuild or republish it.' });
}

/** Parses a metadata document; anything but a JSON object is an error naming the file. */
export function parseMetadataDocument(text: string, where: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new MageosError('ERR_METADATA_INVALID', `${where} is not valid JSON${jsonErrorReason(text, cause)}`, { hint: 'The repository is damaged; rebuild or republish it.', cause });
  }
  if (!isObject(value)) throw new MageosError('ERR_METADATA_INVALID', `${where} is not a JSON object`, { hint: 'The repository is damaged; rebuild or republish it.' });
  return value;
}

/** `{ "p/x$%hash%.json": { "sha256": "..." } }` → the file names with their hashes filled in. */
function hashedNames(value: unknown): string[] {
  if (!isObject(value)) return [];
  return Object.entries(value).map(([pattern, info]) => {
    const hash = isObject(info) ? (info.sha256 ?? info.sha1) : undefined;
    return pattern.replace('%hash%', typeof hash === 'string' ? hash : '');
  });
}

/** The `providers` of a packages.json or provider listing: name → sha256. */
export function providersOf(doc: Json): Record<string, string> {
  // No prototype: a key "__proto__" in hostile metadata stays a plain key.
  const out: Record<string, string> = Object.create(null);
  if (!isObject(doc.providers)) return out;
  for (const [name, info] of Object.entries(doc.providers)) {
    if (isObject(info) && typeof info.sha256 === 'string') out[name] = info.sha256;
  }
  return out;
}

/** Inline `packages` of a packages.json, include or provider file: name → version → entry. */
export function inlinePackages(doc: Json): Record<string, Json> {
  const out: Record<string, Json> = Object.create(null);
  if (!isObject(doc.packages)) return out;
  for (const [name, versions] of Object.entries(doc.packages)) if (isObject(versions)) out[name] = versions;
  return out;
}

const EXPECTED: Array<[string, 'string' | 'list' | 'object']> = [
  ['metadata-url', 'string'],
  ['providers-url', 'string'],
  ['available-packages', 'list'],
  ['providers', 'object'],
  ['provider-includes', 'object'],
  ['includes', 'object'],
  ['packages', 'object'],
];

/** The keys of packages.json whose value is of the wrong type, each as a problem (the key is then read as absent). */
export function rootMetadataProblems(doc: Json): string[] {
  const problems: string[] = [];
  for (const [key, type] of EXPECTED) {
    const value = doc[key];
    if (value === undefined) continue;
    const fits = type === 'string' ? typeof value === 'string' : type === 'list' ? Array.isArray(value) : isObject(value) || (Array.isArray(value) && value.length === 0);
    if (!fits) problems.push(`packages.json "${key}" is ${jsonType(value)}, not ${type === 'object' ? 'an object' : `a ${type}`}`);
  }
  const available = doc['available-packages'];
  if (Array.isArray(available) && available.some((n) => typeof n !== 'string')) problems.push('packages.json "available-packages" holds values that are not strings');
  return problems;
}

export function parseRootMetadata(doc: Json): RootMetadata {
  const available = Array.isArray(doc['available-packages']) ? doc['available-packages'].filter((n): n is string => typeof n === 'string') : null;
  return {
    metadataUrl: typeof doc['metadata-url'] === 'string' ? doc['metadata-url'] : null,
    availablePackages: available,
    providersUrl: typeof doc['providers-url'] === 'string' ? doc['providers-url'] : null,
    providers: providersOf(doc),
    providerIncludes: hashedNames(doc['provider-includes']),
    includes: hashedNames(doc.includes),
    packages: inlinePackages(doc),
  };
}
