import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../core/config/parse-config.js';
import { createSyntheticSource } from '../adapters/synthetic/synthetic-source.js';
import { build, type BuildOptions } from './build/build.js';
import type { BuildResult } from './build/build-result.js';

export const DEMO_TAGS = ['1.0.0', '1.0.1', '1.1.0', '1.1.1', '1.2.0'];

export interface DemoResult {
  sourceDir: string;
  generated: boolean;
  result: BuildResult;
}

/** Generates a small sample git repository (once) and builds a repository from it with the default rules. */
export async function runDemo(options: { outDir: string; sourceDir: string; onProgress?: BuildOptions['onProgress'] }): Promise<DemoResult> {
  const generated = !existsSync(options.sourceDir);
  if (generated) {
    await createSyntheticSource({ dir: options.sourceDir, layout: 'modules', vendor: 'acme', packages: 6, tags: DEMO_TAGS, filesPerPackage: 8, seed: 2022 });
  }
  const config = parseConfig({ sources: [{ name: 'demo', path: options.sourceDir }] }, 'the demo configuration');
  const result = await build({
    config,
    outDir: options.outDir,
    cacheDir: join(tmpdir(), 'mageos-repo-demo-cache'),
    offline: true,
    dryRun: false,
    keepGoing: false,
    republish: [],
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { sourceDir: options.sourceDir, generated, result };
}
