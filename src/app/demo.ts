import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../core/config/parse-config.js';
import { MageosError } from '../core/errors.js';
import { writeProblem } from '../adapters/write-problem.js';
import { createBaseComposerJsonRepo } from '../adapters/synthetic/base-composer-json-repo.js';
import { createComposerPluginStandIn, type ComposerPluginStandInOptions } from '../adapters/synthetic/composer-plugin-stand-in.js';
import { createMagentoMonorepo } from '../adapters/synthetic/magento-monorepo.js';
import { createSyntheticSource } from '../adapters/synthetic/synthetic-source.js';
import { localProfileSources } from './config/local-profile.js';
import { build, type BuildOptions } from './builder/build.js';
import type { BuildResult } from './builder/build-result.js';

export const DEMO_TAGS = ['1.0.0', '1.0.1', '1.1.0', '1.1.1', '1.2.0'];
export const MAGENTO_DEMO_RELEASES = ['2.4.6', '2.4.6-p1', '2.4.7', '2.4.7-p1'];
/** The releases the generated official composer.json repository covers; the last one is derived. */
const MAGENTO_DEMO_OFFICIAL = MAGENTO_DEMO_RELEASES.slice(0, -1);
/**
 * The Composer plugins the project template requires (the derived one, see the mirror profile), as stand-ins that load
 * and do nothing; each is a source of the mirror profile, built with its rules. Versions as Magento last released them.
 */
export const MAGENTO_DEMO_PLUGINS: ReadonlyArray<Omit<ComposerPluginStandInOptions, 'dir'> & { source: string }> = [
  {
    source: 'composer-dependency-version-audit-plugin',
    name: 'magento/composer-dependency-version-audit-plugin',
    tag: '0.1.5',
    packageDir: '',
    namespace: 'Magento\\ComposerDependencyVersionAuditPlugin',
    pluginClass: 'Plugin',
    sourceRoot: 'src/',
  },
  {
    source: 'composer-root-update-plugin',
    name: 'magento/composer-root-update-plugin',
    tag: '2.0.4',
    packageDir: 'src/Magento/ComposerRootUpdatePlugin',
    namespace: 'Magento\\ComposerRootUpdatePlugin',
    pluginClass: 'Plugin\\PluginDefinition',
    sourceRoot: '',
  },
];

export interface DemoResult {
  sourceDir: string;
  generated: boolean;
  result: BuildResult;
}

export interface DemoOptions {
  outDir: string;
  sourceDir: string;
  /** A Magento-shaped monorepo built with the magento2 rules of the mirror profile, instead of a modules repository. */
  magento?: boolean;
  baseUrl?: string;
  onProgress?: BuildOptions['onProgress'];
}

/** Generates a sample git repository (once) and builds a repository from it. */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const generated = !existsSync(options.sourceDir);
  const sources = await (options.magento ? magentoSources(options.sourceDir, generated) : modulesSources(options.sourceDir, generated)).catch((error: unknown) => {
    throw sourceDirProblem(options.sourceDir, error);
  });
  const config = parseConfig({ sources, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) }, 'the demo configuration');
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

/** A sample source that cannot be written, as the error that names the place (not an internal error). */
function sourceDirProblem(dir: string, error: unknown): unknown {
  const problem = writeProblem(dir, error);
  if (problem === undefined) return error;
  return new MageosError('ERR_OUTPUT_UNUSABLE', `Sample source directory ${dir} ${problem.problem}: ${problem.said}`, {
    hint: `${problem.hint} (--source-dir)`,
    cause: error,
  });
}

async function modulesSources(dir: string, generate: boolean): Promise<unknown[]> {
  if (generate) await createSyntheticSource({ dir, layout: 'modules', vendor: 'acme', packages: 6, tags: DEMO_TAGS, filesPerPackage: 8, seed: 2022 });
  else if (existsSync(join(dir, 'magento2'))) throw notThisDemo(dir, 'the Magento demo (--magento)', 'modules');
  return [{ name: 'demo', path: dir }];
}

async function magentoSources(dir: string, generate: boolean): Promise<unknown[]> {
  const monorepo = join(dir, 'magento2');
  const official = join(dir, 'magento2-base-composer-json');
  const generatorFiles = join(dir, 'mirror-generator-files');
  if (generate) {
    const generated = await createMagentoMonorepo({ dir: monorepo, releases: MAGENTO_DEMO_RELEASES, seed: 2022 });
    await createBaseComposerJsonRepo({ dir: official, monorepo: generated, releases: MAGENTO_DEMO_OFFICIAL });
    // Stands in for the repository of corrected files; its fixes concern releases the demo does not have.
    await createSyntheticSource({ dir: generatorFiles, layout: 'root-package', tags: ['1.0.0'], filesPerPackage: 1 });
  } else if (!existsSync(monorepo)) {
    throw notThisDemo(dir, 'the modules demo', 'Magento');
  }
  const plugins: Record<string, string> = {};
  for (const { source, ...plugin } of MAGENTO_DEMO_PLUGINS) {
    plugins[source] = join(dir, source);
    // Also added to a sample source generated before the demo had them.
    if (!existsSync(plugins[source])) await createComposerPluginStandIn({ dir: plugins[source], ...plugin });
  }
  return localProfileSources('mirror', { 'magento2-base-composer-json': official, 'mirror-generator-files': generatorFiles, magento2: monorepo, ...plugins });
}

function notThisDemo(dir: string, holds: string, wanted: string): MageosError {
  return new MageosError('ERR_USAGE', `${dir} holds the sample source of ${holds}, not the ${wanted} one`, {
    hint: 'Give the demo another --source-dir (and --out), or delete that directory to generate it again.',
  });
}
