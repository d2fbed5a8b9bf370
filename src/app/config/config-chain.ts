import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ConfigLayer } from '../../core/config/merge-config.js';
import { looksLikeGitUrl } from '../../core/config/source-location.js';
import { MageosError } from '../../core/errors.js';
import { readJsonFile } from '../../adapters/fs/read-json-file.js';
import { BUILTIN_PREFIX } from '../distribution/templates-directory.js';
import { PROFILES_DIR, profileNames, profilePath } from './profiles.js';

type Entry = Record<string, unknown>;

/** Where the chain starts: a config file (relative to cwd) or a built-in profile. */
export type ChainStart = { file: string } | { profile: string };

const isObject = (v: unknown): v is Entry => typeof v === 'object' && v !== null && !Array.isArray(v);
const relative = (v: unknown): v is string => typeof v === 'string' && !isAbsolute(v) && !looksLikeGitUrl(v);

/** A file's relative local paths made absolute from its own directory, so that they keep their meaning when another file extends it. */
function anchored(raw: Entry, dir: string): Entry {
  const here = (v: unknown) => (relative(v) ? join(dir, v) : v);
  const entries = (list: unknown) => (Array.isArray(list) ? list.map((e: unknown) => (isObject(e) && relative(e.path) ? { ...e, path: here(e.path) } : e)) : list);
  const out: Entry = { ...raw };
  if (raw.sources !== undefined) out.sources = entries(raw.sources);
  if (raw.archives !== undefined) out.archives = entries(raw.archives);
  if (isObject(raw.urlRewrites)) out.urlRewrites = Object.fromEntries(Object.entries(raw.urlRewrites).map(([k, v]) => [k, here(v)]));
  if (isObject(raw.distribution)) {
    const d = raw.distribution;
    const templates = typeof d.templates === 'string' && !d.templates.startsWith(BUILTIN_PREFIX) ? { templates: here(d.templates) } : {};
    const upstream = isObject(d.upstream) && !/^https?:\/\//i.test(String(d.upstream.repository)) ? { upstream: { ...d.upstream, repository: here(d.upstream.repository) } } : {};
    out.distribution = { ...d, ...templates, ...upstream };
  }
  return out;
}

function unknownProfile(name: string, by: string | undefined): MageosError {
  const names = profileNames();
  const what = by === undefined ? `there is no built-in profile "${name}"` : `${by} extends "${name}", which is neither a built-in profile nor a file path`;
  return new MageosError('ERR_PROFILE_UNKNOWN', what, {
    hint: `Known profiles: ${names.join(', ') || '(none)'}${by === undefined ? '' : '; a file is written as "./name.json"'}.`,
  });
}

/** `"extends"` names a file when it looks like a path ("./base.json", "../x.json", "/etc/x.json"), else a built-in profile. */
const isFileReference = (value: string) => value.includes('/') || value.includes('\\') || value.endsWith('.json');

/**
 * Reads a config file or profile and every document it extends, the extended-most first. A chain that comes back to
 * a document is an error naming the documents in order; an unknown profile or missing file names the document that
 * extends it.
 */
export async function readConfigChain(start: ChainStart, cwd: string): Promise<ConfigLayer[]> {
  const layers: ConfigLayer[] = [];
  const seen: string[] = [];
  let next: ChainStart | undefined = start;
  let by: { origin: string; dir: string } | undefined;
  while (next !== undefined) {
    const isFile = 'file' in next;
    const named = 'file' in next ? next.file : next.profile;
    if (!isFile && !profileNames().includes(named)) throw unknownProfile(named, by?.origin);
    const path = isFile ? resolve(by?.dir ?? cwd, named) : profilePath(named);
    const origin = isFile ? path : `profile "${named}"`;
    if (seen.includes(path)) {
      const names = [...layers.map((l) => l.origin), origin].join(' → ');
      throw new MageosError('ERR_CONFIG_INVALID', `"extends" goes round in a cycle: ${names}`, { hint: 'Remove the "extends" of one of these so that the chain ends in a config without one.' });
    }
    seen.push(path);
    let raw: unknown;
    try {
      raw = await readJsonFile(path, isFile ? 'config file' : 'profile');
    } catch (error) {
      if (by === undefined || !(error instanceof MageosError)) throw error;
      throw new MageosError(error.code, `${by.origin} extends "${named}": ${error.message}`, { ...(error.hint === undefined ? {} : { hint: error.hint }), cause: error });
    }
    if (!isObject(raw)) {
      throw new MageosError('ERR_CONFIG_INVALID', `${origin} is not a valid configuration (1 problem(s)):\n  $: expected an object, got ${Array.isArray(raw) ? 'an array' : JSON.stringify(raw)}`, {
        hint: 'A config file is one JSON object; docs/configuration.md describes every field.',
      });
    }
    layers.unshift({ origin, raw: isFile ? anchored(raw, dirname(path)) : raw });
    const parent: unknown = raw.extends;
    if (parent !== undefined && (typeof parent !== 'string' || parent.length === 0)) {
      throw new MageosError('ERR_CONFIG_INVALID', `${origin}: "extends" must be the name of a built-in profile or a path such as "./base.json"`, { hint: 'Example: "extends": "mirror".' });
    }
    by = { origin, dir: isFile ? dirname(path) : PROFILES_DIR };
    next = parent === undefined ? undefined : isFileReference(parent) ? { file: parent } : { profile: parent };
  }
  return layers;
}
