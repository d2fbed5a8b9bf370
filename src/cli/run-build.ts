import { resolve } from 'node:path';
import type { BuildOptions } from '../app/builder/build-options.js';
import type { BuildPhase, BuildResult } from '../app/builder/build-result.js';
import { untilInterrupted } from './interrupt.js';
import { progressReporter } from './progress.js';
import { tuneV8AfterPhase } from './v8-flags.js';

/**
 * Runs a build with progress bars on stderr and Ctrl-C handling: the first Ctrl-C (or SIGTERM) stops it cleanly
 * between two archives; a second one ends the process at once.
 */
export async function runBuild(options: Omit<BuildOptions, 'onProgress' | 'signal'>, showProgress: boolean): Promise<BuildResult> {
  const { build } = await import('../app/builder/build.js');
  const progress = progressReporter(showProgress);
  try {
    const onPhaseEnd = (phase: BuildPhase) => {
      tuneV8AfterPhase(phase);
      options.onPhaseEnd?.(phase);
    };
    return await untilInterrupted((signal) => build({ ...options, onProgress: progress.update, onPhaseEnd, signal }));
  } finally {
    progress.stop();
  }
}

/** The flags build and release share. */
export interface CommonBuildFlags {
  out: string;
  cacheDir?: string;
  offline?: boolean;
  dryRun?: boolean;
  keepGoing?: boolean;
  republish: string[];
}

/** The build options those flags set (the cache directory defaults as documented in README). */
export function commonBuildOptions(flags: CommonBuildFlags, defaultCacheDir: () => string): Pick<BuildOptions, 'outDir' | 'cacheDir' | 'offline' | 'dryRun' | 'keepGoing' | 'republish'> {
  return {
    outDir: resolve(flags.out),
    cacheDir: resolve(flags.cacheDir ?? defaultCacheDir()),
    offline: flags.offline ?? false,
    dryRun: flags.dryRun ?? false,
    keepGoing: flags.keepGoing ?? false,
    republish: flags.republish,
  };
}
