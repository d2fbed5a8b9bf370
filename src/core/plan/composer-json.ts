import { MageosError } from '../errors.js';
import { jsonErrorReason } from '../json-error.js';
import { PACKAGE_NAME } from '../package-name.js';

export type ComposerJson = Record<string, unknown> & { name: string };

export interface JsonOrigin {
  source: string;
  tag: string;
  path: string;
}

function where(origin: JsonOrigin): string {
  return `${origin.path} at ${origin.tag} of source "${origin.source}"`;
}

/** Parses a package's composer.json; a broken file or a missing name is an error naming source, tag and path. */
export function parseComposerJson(text: string, origin: JsonOrigin): ComposerJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new MageosError('ERR_COMPOSER_JSON_INVALID', `${where(origin)} is not valid JSON${jsonErrorReason(text, cause)}`, {
      hint: 'Fix the file upstream, skip the tag (tags.skip), or use --keep-going to build the rest.',
      cause,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MageosError('ERR_COMPOSER_JSON_INVALID', `${where(origin)} is not a JSON object`, {
      hint: 'A composer.json holds one object.',
    });
  }
  const name = (value as Record<string, unknown>).name;
  if (typeof name !== 'string' || name === '') {
    throw new MageosError('ERR_PACKAGE_INVALID', `${where(origin)} has no "name"`, {
      hint: 'Every package needs a "vendor/name"; exclude the directory in the package rules if it is not a package.',
    });
  }
  if (!PACKAGE_NAME.test(name)) {
    throw new MageosError('ERR_PACKAGE_INVALID', `${where(origin)} has an invalid package name ${JSON.stringify(name)}`, {
      hint: 'Composer package names are lower case "vendor/name".',
    });
  }
  return value as ComposerJson;
}

/** Sets "version": the key keeps its place when present, otherwise it is added last. */
export function withVersion(json: ComposerJson, version: string): ComposerJson {
  return { ...json, version };
}

/** The composer.json text written into archives: 2-space indent, no trailing newline. */
export function serializeComposerJson(json: ComposerJson): string {
  return JSON.stringify(json, null, 2);
}
