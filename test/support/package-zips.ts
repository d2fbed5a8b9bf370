import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ZipWriter } from '../../src/adapters/zip/zip-writer.js';

/** Entry name → content; a name ending in "/" is a directory. */
export type ZipContent = Record<string, string>;

/** Writes a deflate zip with the given entries in the given order, like a ready-made package zip. */
export async function writeZip(path: string, entries: ZipContent): Promise<string> {
  mkdirSync(dirname(path), { recursive: true });
  const writer = await ZipWriter.create(path, 'deflate');
  for (const [name, content] of Object.entries(entries)) {
    if (name.endsWith('/')) await writer.addDirectory(name, 0o755);
    else await writer.addFile(name, Buffer.from(content), { executable: false });
  }
  return (await writer.finish()).sha1;
}

/** A library's composer.json, 4-space indented as upstream writes it; `version: null` leaves the key out. */
export function libraryJson(name: string, version: string | null, extra: Record<string, unknown> = {}): string {
  const json: Record<string, unknown> = { name, description: `The ${name} library`, type: 'library' };
  if (version !== null) json.version = version;
  return `${JSON.stringify({ ...json, license: 'MIT', ...extra }, null, 4)}\n`;
}

export function fileSha1(path: string): string {
  return createHash('sha1').update(readFileSync(path)).digest('hex');
}
