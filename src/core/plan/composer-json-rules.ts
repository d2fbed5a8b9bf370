import type { ComposerJsonFile } from '../config/schema.js';
import type { ComposerJson } from './composer-json.js';

export interface EditContext {
  baseUrl: string;
  version: string;
}

/** The path of a rule's composer.json file for one release. */
export function composerJsonFilePath(file: ComposerJsonFile, version: string): string {
  return file.path.replaceAll('{version}', version);
}

function substitute(value: unknown, context: EditContext): unknown {
  if (typeof value === 'string') return value.replaceAll('{baseUrl}', context.baseUrl).replaceAll('{version}', context.version);
  if (Array.isArray(value)) return value.map((v) => substitute(v, context));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, context)]));
  }
  return value;
}

/** Applies a rule's `set` (placeholders filled in; existing keys keep their place) and `unset`. */
export function editComposerJson(json: ComposerJson, edits: { set?: Record<string, unknown> | undefined; unset?: string[] | undefined }, context: EditContext): ComposerJson {
  const result: Record<string, unknown> = { ...json };
  for (const key of edits.unset ?? []) delete result[key];
  for (const [key, value] of Object.entries(edits.set ?? {})) result[key] = substitute(value, context);
  return result as ComposerJson;
}

/**
 * A release's metapackage when no official composer.json exists: the root composer.json's requirements plus
 * every package built from the release at its exact version.
 */
export function deriveReleaseMetapackage(
  name: string,
  root: Record<string, unknown> | null,
  packages: ReadonlyArray<{ name: string; version: string }>,
): ComposerJson {
  const require: Record<string, string> = {};
  for (const p of [...packages].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (p.name !== name) require[p.name] = p.version;
  }
  const rootRequire = (root?.require ?? {}) as Record<string, string>;
  for (const [dep, constraint] of Object.entries(rootRequire)) if (!(dep in require)) require[dep] = constraint;
  const json: Record<string, unknown> = { name, type: 'metapackage' };
  if (typeof root?.description === 'string') json.description = root.description;
  if (root?.license !== undefined) json.license = root.license;
  json.require = require;
  return json as ComposerJson;
}
