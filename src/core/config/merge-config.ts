import { MageosError } from '../errors.js';
import { relocated } from './source-location.js';

type Entry = Record<string, unknown>;

/** One config document of an `"extends"` chain and where it was read from (a file, or `profile "mirror"`). */
export interface ConfigLayer {
  origin: string;
  raw: Entry;
}

/** The merged document, and for each top-level field and each `sources[i]` / `archives[i]` the layer that last set it. */
export interface MergedConfig {
  raw: Entry;
  origins: ReadonlyMap<string, string>;
}

/** Fields that say how a layer changes the one it extends; they are gone from the merged document. */
const LAYER_FIELDS = ['extends', 'removeSources', 'removeArchives'] as const;
const LISTS = [
  { field: 'sources', remove: 'removeSources', what: 'source' },
  { field: 'archives', remove: 'removeArchives', what: 'archive source' },
] as const;

const isObject = (v: unknown): v is Entry => typeof v === 'object' && v !== null && !Array.isArray(v);

function invalid(origin: string, message: string, hint: string): MageosError {
  return new MageosError('ERR_CONFIG_INVALID', `${origin}: ${message}`, { hint });
}

function namesOf(entries: readonly Entry[]): string {
  return entries.map((e) => e.name).filter((n) => typeof n === 'string').join(', ') || '(none named)';
}

/** Whether a fix has every field of the pattern with an equal value. */
function matches(fix: unknown, pattern: Entry): boolean {
  return isObject(fix) && Object.entries(pattern).every(([k, v]) => JSON.stringify(fix[k]) === JSON.stringify(v));
}

/** A named source changed by an overlay entry: its fields replace the base's, "fixes" are added after "removeFixes" took some away. */
function mergedEntry(base: Entry, overlay: Entry, origin: string): Entry {
  const { removeFixes, fixes, ...fields } = overlay;
  let kept = Array.isArray(base.fixes) ? (base.fixes as unknown[]) : [];
  if (removeFixes !== undefined) {
    if (!Array.isArray(removeFixes) || !removeFixes.every(isObject)) {
      throw invalid(origin, `"removeFixes" of source "${String(base.name)}" must be an array of objects`, 'Example: "removeFixes": [{"package": "magento/module-catalog", "version": "2.4.7"}].');
    }
    for (const pattern of removeFixes) {
      if (!kept.some((fix) => matches(fix, pattern))) {
        throw invalid(origin, `"removeFixes" of source "${String(base.name)}": no fix has ${JSON.stringify(pattern)}`, 'Give field values of a fix of the extended config, e.g. its "package" and "version".');
      }
      kept = kept.filter((fix) => !matches(fix, pattern));
    }
  }
  const allFixes = [...kept, ...(Array.isArray(fixes) ? fixes : fixes === undefined ? [] : [fixes])];
  const moved = typeof fields.url === 'string' || typeof fields.path === 'string' ? relocated(base, fields as { url: string } | { path: string }) : base;
  const { fixes: _fixes, ...rest } = { ...moved, ...fields };
  return allFixes.length > 0 || base.fixes !== undefined ? { ...rest, fixes: allFixes } : rest;
}

interface Lists {
  entries: Entry[];
  origins: string[];
}

function mergeList(base: Lists, overlay: Entry, list: (typeof LISTS)[number], layer: ConfigLayer, baseOrigin: string): Lists {
  let { entries, origins } = base;
  const removed = overlay[list.remove];
  if (removed !== undefined) {
    if (!Array.isArray(removed) || !removed.every((n) => typeof n === 'string')) {
      throw invalid(layer.origin, `"${list.remove}" must be an array of ${list.what} names`, `Example: "${list.remove}": ["page-builder"].`);
    }
    for (const name of removed) {
      const at = entries.findIndex((e) => e.name === name);
      if (at < 0) throw invalid(layer.origin, `"${list.remove}" names ${list.what} "${name}", which ${baseOrigin} does not have`, `Its ${list.what}s: ${namesOf(entries)}.`);
      entries = entries.filter((_, i) => i !== at);
      origins = origins.filter((_, i) => i !== at);
    }
  }
  const added = overlay[list.field];
  if (added === undefined) return { entries, origins };
  if (!Array.isArray(added)) throw invalid(layer.origin, `"${list.field}" must be an array`, 'List the sources to change (by "name") or add.');
  for (const entry of added) {
    const at = isObject(entry) && typeof entry.name === 'string' ? entries.findIndex((e) => e.name === entry.name) : -1;
    if (at < 0) {
      if (isObject(entry) && entry.removeFixes !== undefined) {
        throw invalid(layer.origin, `"removeFixes" is in a ${list.what} that ${baseOrigin} does not have (${JSON.stringify(entry.name ?? entry.url ?? entry.path)})`, 'Give the "name" of a source of the extended config.');
      }
      entries = [...entries, entry as Entry];
      origins = [...origins, layer.origin];
    } else {
      entries = entries.map((e, i) => (i === at ? mergedEntry(e, entry as Entry, layer.origin) : e));
      origins = origins.map((o, i) => (i === at ? layer.origin : o));
    }
  }
  return { entries, origins };
}

/**
 * Merges an `"extends"` chain, the extended document first: each layer changes only what it names. Top-level fields
 * replace (objects such as "distribution" field by field); sources and archive sources are matched by "name" and
 * changed field by field (a new url or path replaces the other), or added; "removeSources" / "removeArchives" take
 * named ones away; in a source, "fixes" are added and "removeFixes" takes away the fixes with the given field values.
 */
export function mergeConfigLayers(layers: readonly ConfigLayer[]): MergedConfig {
  const [root, ...overlays] = layers;
  if (root === undefined) return { raw: {}, origins: new Map() };
  for (const field of LAYER_FIELDS.slice(1)) {
    if (root.raw[field] !== undefined) throw invalid(root.origin, `"${field}" changes an extended config, but this one has no "extends"`, 'Add "extends": "<profile or ./file.json>", or edit the list itself.');
  }
  if (overlays.length === 0) {
    const { extends: _extends, ...raw } = root.raw;
    return { raw, origins: new Map(Object.keys(raw).map((k) => [k, root.origin])) };
  }
  const topOrigins = new Map<string, string>(Object.keys(root.raw).map((k) => [k, root.origin]));
  let raw: Entry = { ...root.raw };
  const lists = Object.fromEntries(LISTS.map((l) => [l.field, { entries: Array.isArray(raw[l.field]) ? (raw[l.field] as Entry[]) : [], origins: [] as string[] }])) as Record<string, Lists>;
  for (const l of LISTS) (lists[l.field] as Lists).origins = (lists[l.field] as Lists).entries.map(() => root.origin);
  let below = root.origin;
  for (const layer of overlays) {
    for (const l of LISTS) lists[l.field] = mergeList(lists[l.field] as Lists, layer.raw, l, layer, below);
    for (const [key, value] of Object.entries(layer.raw)) {
      if ((LAYER_FIELDS as readonly string[]).includes(key) || LISTS.some((l) => l.field === key)) continue;
      raw = { ...raw, [key]: isObject(value) && isObject(raw[key]) ? { ...raw[key], ...value } : value };
      topOrigins.set(key, layer.origin);
    }
    below = layer.origin;
  }
  const origins = new Map(topOrigins);
  for (const l of LISTS) {
    const merged = lists[l.field] as Lists;
    if (raw[l.field] !== undefined || merged.entries.length > 0) raw = { ...raw, [l.field]: merged.entries };
    merged.origins.forEach((o, i) => origins.set(`${l.field}[${i}]`, o));
  }
  for (const field of LAYER_FIELDS) delete raw[field];
  return { raw, origins };
}
