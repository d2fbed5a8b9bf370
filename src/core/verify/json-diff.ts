/** One value that differs between two JSON documents; a side without the key has no value. */
export interface JsonChange {
  /** Dotted path of the key, e.g. `require.magento/framework`. */
  key: string;
  left?: unknown;
  right?: unknown;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON text with object keys sorted at every depth: equal for documents that differ only in key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The keys whose values differ, ignoring key order and formatting: objects are compared key by key down to
 * the leaves (so `require.vendor/name` names one requirement), arrays and scalars as whole values.
 */
export function diffJson(left: unknown, right: unknown, prefix = ''): JsonChange[] {
  if (isObject(left) && isObject(right)) {
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
    return keys.flatMap((k) => {
      const key = prefix === '' ? k : `${prefix}.${k}`;
      if (!(k in left)) return [{ key, right: right[k] }];
      if (!(k in right)) return [{ key, left: left[k] }];
      return diffJson(left[k], right[k], key);
    });
  }
  if (canonicalJson(left) === canonicalJson(right)) return [];
  return [{ key: prefix === '' ? '(document)' : prefix, left, right }];
}
