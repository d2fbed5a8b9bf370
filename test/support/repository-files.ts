import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under a directory (relative path → sha1), leaving out the build state. */
export function snapshotFiles(root: string, { includeState = false } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (!includeState && name === '.mageos-repo') continue;
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(root, path)] = createHash('sha1').update(readFileSync(path)).digest('hex');
    }
  };
  walk(root);
  return out;
}

/** Modification times of every archive, to prove a build did not touch them. */
export function archiveTimes(root: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.zip')) out[relative(root, path)] = statSync(path).mtimeMs;
    }
  };
  walk(join(root, 'packages'));
  return out;
}

/** Changes one byte in the middle of a file: other bytes, same size (damage a size check cannot see). */
export function damageFile(path: string): void {
  const bytes = readFileSync(path);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = (bytes[at] as number) ^ 0xff;
  writeFileSync(path, bytes);
}
