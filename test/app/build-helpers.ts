import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions } from '../../src/app/build/build.js';
import { parseConfig } from '../../src/core/config/parse-config.js';
import { makeTempDir } from '../support/git-fixture.js';

const cleanups: string[] = [];

export function tempDir(): string {
  const dir = makeTempDir('mageos-build-');
  cleanups.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of cleanups.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Builds with the real pipeline; `config` is a config document (validated here), `out` a directory. */
export function buildRepo(config: unknown, out: string, extra: Partial<BuildOptions> = {}) {
  return build({
    config: parseConfig(config, 'test config'),
    outDir: out,
    cacheDir: join(out, '..', 'cache'),
    offline: false,
    dryRun: false,
    keepGoing: false,
    republish: [],
    ...extra,
  });
}
