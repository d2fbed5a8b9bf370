import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { devNull } from 'node:os';
import { join, resolve } from 'node:path';
import { MageosError } from '../../core/errors.js';
import { runGit } from '../git/git-command.js';
import { FastImportStream, type Signature } from './fast-import-stream.js';
import { ModuleSuite } from './module-suite.js';
import { RootLibrary } from './root-library.js';
import type { SyntheticHistory, SyntheticSettings } from './synthetic-history.js';

export interface SyntheticSourceOptions {
  /** Created; must not exist or be empty. */
  dir: string;
  layout: 'modules' | 'root-package';
  /** Default 'acme'. */
  vendor?: string;
  /** Number of modules, the metapackage not counted. Required for 'modules'; 'root-package' has one package. */
  packages?: number;
  /** Release tags in creation order; each is one commit on main. */
  tags: string[];
  /** Regular files per module (composer.json included, at least 4), or files under src/ for 'root-package'. */
  filesPerPackage: number;
  /** Fraction of modules (or, for 'root-package', of files) changed per tag. Default 0.3. */
  changeRate?: number;
  /** Same options, same commit ids. Default 1. */
  seed?: number;
  /** Default true: some packages get one shell script with mode 100755. */
  executableFiles?: boolean;
  /** Default false: one package gets docs/README.md as a symbolic link (mode 120000) to its README.md. */
  symlinks?: boolean;
}

export interface SyntheticSource {
  dir: string;
  tags: string[];
  packages: Array<{ name: string; dir: string }>;
  /** Name of the metapackage (in `_metapackage/`), or null for 'root-package'. */
  metapackage: string | null;
  /** Files (symbolic links included) in the tree at the last tag. */
  fileCount: number;
}

export const AUTHOR: Signature = { name: 'Synthetic Author', email: 'author@example.com' };
export const COMMITTER: Signature = { name: 'Synthetic Committer', email: 'committer@example.com' };
/** 2024-01-01T00:00:00Z; release n is committed n days later. */
export const START_TIME = 1704067200;
export const DAY = 86400;
// No system or user config, so that nothing (hooks, autocrlf, templates) changes what is written.
export const GIT_ENV: NodeJS.ProcessEnv = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: devNull };
export const VENDOR = /^[a-z0-9]([_.-]?[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

/**
 * Generates a git repository of Composer packages, one tagged commit per release, through one `git fast-import`
 * stream, then checks out main. The result is the same for the same options, commit ids included.
 */
export async function createSyntheticSource(options: SyntheticSourceOptions): Promise<SyntheticSource> {
  const settings = resolveSettings(options);
  const dir = resolve(options.dir);
  await prepareDirectory(dir);
  await runGit(null, ['init', '--quiet', '--initial-branch=main', dir], { env: GIT_ENV });
  const history: SyntheticHistory = options.layout === 'modules' ? new ModuleSuite(settings) : new RootLibrary(settings);
  const stream = FastImportStream.start(join(dir, '.git'), GIT_ENV);
  try {
    for (const [index, tag] of options.tags.entries()) {
      await history.release(index, stream);
      stream.tag(tag, stream.commit(`Release ${tag}\n`, AUTHOR, COMMITTER, START_TIME + index * DAY));
    }
    await stream.finish();
  } catch (error) {
    await stream.abort();
    throw error;
  }
  await runGit(null, ['-C', dir, 'reset', '--hard', '--quiet'], { env: GIT_ENV });
  return { dir, tags: [...options.tags], packages: [...history.packages], metapackage: history.metapackage, fileCount: stream.paths.size };
}

function resolveSettings(options: SyntheticSourceOptions): SyntheticSettings {
  const vendor = options.vendor ?? 'acme';
  const modules = options.layout === 'modules';
  const packages = modules ? options.packages : 1;
  const changeRate = options.changeRate ?? 0.3;
  const seed = options.seed ?? 1;
  if (!modules && options.layout !== 'root-package') invalid(`unknown layout "${String(options.layout)}"`, 'Use "modules" or "root-package".');
  if (!VENDOR.test(vendor)) invalid(`vendor "${vendor}" is not a Composer vendor name`, 'Use lower-case letters and digits, e.g. "acme".');
  if (packages === undefined || !Number.isInteger(packages) || packages < 1) {
    invalid(`packages must be a whole number of at least 1, got ${String(packages)}`, 'Pass the number of modules to generate.');
  }
  const minFiles = modules ? 4 : 1;
  if (!Number.isInteger(options.filesPerPackage) || options.filesPerPackage < minFiles) {
    invalid(
      `filesPerPackage must be a whole number of at least ${minFiles}, got ${options.filesPerPackage}`,
      'A module needs composer.json, registration.php, etc/module.xml and README.md.',
    );
  }
  if (!(changeRate >= 0 && changeRate <= 1)) invalid(`changeRate must be between 0 and 1, got ${changeRate}`, 'It is the fraction of packages changed per tag.');
  if (!Number.isFinite(seed)) invalid(`seed must be a finite number, got ${seed}`, 'Any number works; the same seed gives the same repository.');
  if (options.tags.length === 0) invalid('tags is empty', 'Pass at least one release tag, e.g. ["1.0.0"].');
  for (const tag of options.tags) {
    if (!TAG.test(tag) || tag.includes('..') || tag.endsWith('.') || tag.endsWith('.lock')) {
      invalid(`tag "${tag}" is not a valid tag name here`, 'Use names like 1.0.0 or v2.4.7-p1.');
    }
  }
  const duplicate = options.tags.find((tag, i) => options.tags.indexOf(tag) !== i);
  if (duplicate !== undefined) invalid(`tag "${duplicate}" is listed twice`, 'Each tag is one release; list it once.');
  return {
    vendor,
    vendorTitle: vendor.split(/[-_.]/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join(''),
    packages: packages as number,
    filesPerPackage: options.filesPerPackage,
    changeRate,
    seed,
    executableFiles: options.executableFiles ?? true,
    symlinks: options.symlinks ?? false,
  };
}

export async function prepareDirectory(dir: string): Promise<void> {
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    throw new MageosError('ERR_OUTPUT_NOT_OURS', `${dir} exists and is not an empty directory`, {
      hint: 'Give a new or empty directory for the synthetic repository; it is never written over.',
    });
  }
  await mkdir(dir, { recursive: true });
}

function invalid(message: string, hint: string): never {
  throw new MageosError('ERR_USAGE', `synthetic source: ${message}`, { hint });
}
