import { rmSync } from 'node:fs';
import { build, type BuildOptions } from '../../src/app/builder/build.js';
import { parseConfig } from '../../src/core/config/parse-config.js';
import { makeTempDir } from '../support/git-fixture.js';

const cleanups: string[] = [];
/** Each output directory's own cache of source clones, kept across the builds of a test. */
const caches = new Map<string, string>();

export function tempDir(): string {
  const dir = makeTempDir('mageos-build-');
  cleanups.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of cleanups.splice(0)) rmSync(dir, { recursive: true, force: true });
  caches.clear();
}

function cacheFor(out: string): string {
  let dir = caches.get(out);
  if (dir === undefined) {
    dir = tempDir();
    caches.set(out, dir);
  }
  return dir;
}

/** Builds with the real pipeline; `config` is a config document (validated here), `out` a directory. */
export function buildRepo(config: unknown, out: string, extra: Partial<BuildOptions> = {}) {
  return build({
    config: parseConfig(config, 'test config'),
    outDir: out,
    cacheDir: cacheFor(out),
    offline: false,
    dryRun: false,
    keepGoing: false,
    republish: [],
    ...extra,
  });
}
