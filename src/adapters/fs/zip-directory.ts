import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MageosError } from '../../core/errors.js';
import { compareBytewise } from '../../core/plan/release-refs.js';
import type { StoredZip, ZipStore } from '../zip/zip-store.js';

const sha1 = (data: Buffer) => createHash('sha1').update(data).digest('hex');

/** A local directory of zips; each is identified by the sha1 of its bytes, never by its mtime. */
export async function openZipDirectory(dir: string): Promise<ZipStore> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (cause) {
    throw new MageosError('ERR_SOURCE', `archive directory ${dir} cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, {
      hint: 'Point "path" of the archive source at a directory of zips (relative paths are relative to the config file).',
      cause,
    });
  }
  const zips: StoredZip[] = [];
  for (const name of names.filter((n) => n.endsWith('.zip')).sort(compareBytewise)) {
    const file = join(dir, name);
    if (!(await stat(file)).isFile()) continue;
    zips.push({ name, path: name, id: sha1(await readFile(file)) });
  }
  return {
    location: dir,
    zips,
    time: null,
    async read(zip) {
      const data = await readFile(join(dir, zip.name));
      if (sha1(data) !== zip.id) {
        throw new MageosError('ERR_SOURCE', `${join(dir, zip.name)} changed during the build`, { hint: 'Build again once the archive directory is no longer being written to.' });
      }
      return data;
    },
    close: async () => {},
  };
}
