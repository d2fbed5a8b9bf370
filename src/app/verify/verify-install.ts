import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { composerClient, DEFAULT_COMPOSER_TIMEOUT_MS, isLoopbackHost, plainHttpAllowed, type ComposerRun } from '../../adapters/composer/composer-client.js';
import { loadComposerAuth } from '../../adapters/composer-repository/composer-auth.js';
import { openRepository } from '../../adapters/composer-repository/open-repository.js';
import type { ComposerRepository, PackageVersion } from '../../adapters/composer-repository/repository.js';
import { startStaticServer, type StaticServer } from '../../adapters/http/static-server.js';
import { isMageosError, MageosError } from '../../core/errors.js';
import { unreadable } from './open-repositories.js';
import { satisfies } from '../../core/version/index.js';

export interface VerifyInstallOptions {
  /** An http(s) URL of a Composer repository, or the directory of a built one (served on loopback while Composer runs). */
  repository: string;
  package: string;
  /** A version or constraint, as Composer takes it; default the newest Composer picks. */
  version?: string;
  /** A second Composer repository (URL) for packages the repository does not serve. */
  extraRepository?: string;
  ignorePlatformReqs?: boolean;
  /** minimum-stability: stable, RC, beta, alpha or dev. */
  stability?: string;
  /** Keep the temporary directory (project, Composer home and cache) instead of removing it. */
  keepDir?: boolean;
  /** Let Composer use packagist.org too. */
  packagist?: boolean;
  composerBinary?: string;
  timeoutMs?: number;
}

export interface InstalledPackage {
  name: string;
  version: string;
  distUrl: string | null;
  shasum: string | null;
  /** The archive came from the repository verified (not from the extra repository or packagist). */
  fromRepository: boolean;
}

export interface VerifyInstallResult {
  success: boolean;
  /** As given. */
  repository: string;
  /** Where Composer read it: the URL, or where the directory was served. */
  repositoryUrl: string;
  package: string;
  requested: string | null;
  /** create-project for a package of type "project", require for any other. */
  method: 'create-project' | 'require';
  /** Composer's arguments, to run the same by hand. */
  command: string[];
  /** The package itself as installed; null when the install failed. */
  installed: InstalledPackage | null;
  durationMs: number;
  /** composer.lock's packages (the dependencies), by name. */
  packages: InstalledPackage[];
  /** Installed from the repository without a shasum: Composer could not check these downloads. */
  withoutShasum: string[];
  composerExitCode: number;
  timedOut: boolean;
  /** On failure the end of Composer's error output; empty on success. */
  output: string;
  /** The kept temporary directory, with --keep. */
  dir: string | null;
}

const OUTPUT_LINES = 60;
const STABILITIES = /^(stable|rc|beta|alpha|dev)$/i;
const isUrl = (location: string) => /^https?:\/\//i.test(location);
const withSlash = (url: string) => url.replace(/\/?$/, '/');

async function openMetadata(location: string, cacheDir: string, auth: ReturnType<typeof loadComposerAuth>): Promise<ComposerRepository> {
  const repository = await openRepository(location, { cacheDir, auth });
  if (repository.kind === 'composer') return repository;
  await repository.close();
  throw new MageosError('ERR_REPOSITORY_UNREADABLE', `${location} holds no packages.json: it is not a built repository`, {
    hint: 'Name the --out directory of a build, or the URL where a repository is served.',
  });
}

/** The version Composer is likely to pick, to read its type: the newest that meets the constraint, else the newest. */
function likelyVersion(versions: PackageVersion[], constraint: string | undefined): PackageVersion | undefined {
  const meets = (v: PackageVersion) => {
    try {
      return constraint === undefined || satisfies(v.version, constraint);
    } catch {
      return false;
    }
  };
  return versions.find(meets) ?? versions[0];
}

/** One archive URL of the repository, to learn where the directory was built to be served. */
async function sampleDistUrl(repository: ComposerRepository, versions: PackageVersion[]): Promise<string | null> {
  const own = versions.find((v) => v.dist !== null);
  if (own?.dist) return own.dist.url;
  for (const name of await repository.packageNames()) {
    const dist = ((await repository.versions(name))?.versions ?? []).find((v) => v.dist !== null)?.dist;
    if (dist) return dist.url;
  }
  return null;
}

/** The URL path the directory was built for, from packages.json's `metadata-url` ("/mirror/p2/%package%.json" → "/mirror/"). */
async function builtPrefix(dir: string): Promise<string> {
  let root: Record<string, unknown> | null = null;
  try {
    root = JSON.parse(await readFile(join(dir, 'packages.json'), 'utf8')) as Record<string, unknown> | null;
  } catch {
    // A damaged packages.json is served as it is: Composer reports it.
  }
  const metadataUrl = typeof root?.['metadata-url'] === 'string' ? (root['metadata-url'] as string).replace(/^[a-z][a-z\d+.-]*:\/\/[^/]+/i, '') : '';
  return /^(\/.*?)p2\/%package%\.json$/.exec(metadataUrl)?.[1] ?? '/';
}

function builtElsewhere(dir: string, distUrl: string, prefix: string): MageosError {
  const url = new URL(distUrl);
  const base = url.pathname.startsWith(prefix) ? `${url.origin}${prefix}` : distUrl;
  return new MageosError('ERR_REPOSITORY_UNREADABLE', `${dir} was built for ${base}: its archive URLs (e.g. ${distUrl}) point there, so Composer would download from there, not from this directory`, {
    hint: `Verify it where it is served (mageos-repo verify install ${base} <package>), or build it with a loopback --base-url such as http://127.0.0.1:8080/ to verify the directory itself.`,
    details: { builtFor: base, distUrl },
  });
}

/**
 * Serves a repository directory where its absolute archive URLs point: only a loopback http base URL can be
 * served here (on its own port); a directory with no archives, or relative ones, gets any free port.
 */
async function serveDirectory(dir: string, distUrl: string | null): Promise<StaticServer> {
  const prefix = await builtPrefix(dir);
  if (distUrl === null || !isUrl(distUrl)) return startStaticServer({ root: dir, host: '127.0.0.1', port: 0, prefix });
  const url = new URL(distUrl);
  if (url.protocol !== 'http:' || !isLoopbackHost(url)) throw builtElsewhere(dir, distUrl, prefix);
  const server = await startStaticServer({ root: dir, host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || 80), prefix }).catch((error: unknown) => {
    if (!isMageosError(error)) throw error;
    throw new MageosError(error.code, error.message, {
      hint: `${dir} was built for ${url.origin}${prefix} and must be served there for its archive URLs to work. If it is served there already (mageos-repo serve), verify that URL instead; otherwise free the port.`,
      cause: error,
    });
  });
  if (url.href.startsWith(new URL(server.url).href)) return server;
  await server.close();
  throw builtElsewhere(dir, distUrl, prefix);
}

interface Plan {
  method: VerifyInstallResult['method'];
  args: string[];
  /** Where Composer runs; the project is `project` below it for create-project. */
  cwd: string;
}

function composerFlags(options: VerifyInstallOptions): string[] {
  return [...(options.ignorePlatformReqs === true ? ['--ignore-platform-reqs'] : []), '--no-progress'];
}

/** create-project for a project template (as its users install it), else require into a fresh project. */
async function plan(options: VerifyInstallOptions, method: Plan['method'], repositoryUrls: string[], work: string): Promise<Plan> {
  const projectDir = join(work, 'project');
  if (method === 'create-project') {
    const stability = options.stability === undefined ? [] : [`--stability=${options.stability}`];
    const repositories = repositoryUrls.map((url) => `--repository=${url}`);
    const args = ['create-project', ...repositories, ...stability, ...composerFlags(options), options.package, 'project', ...(options.version === undefined ? [] : [options.version])];
    return { method: 'create-project', args, cwd: work };
  }
  const composerJson = {
    name: 'mageos-repo/verify-install',
    description: 'Made by mageos-repo verify install',
    repositories: repositoryUrls.map((url) => ({ type: 'composer', url })),
    ...(options.stability === undefined ? {} : { 'minimum-stability': options.stability }),
    // Plugins stay off: no code from the packages runs, and none is blocked with an error (the default without allow-plugins).
    config: { 'allow-plugins': false, ...(plainHttpAllowed(repositoryUrls) ? { 'secure-http': false } : {}) },
  };
  await mkdir(projectDir);
  await writeFile(join(projectDir, 'composer.json'), `${JSON.stringify(composerJson, null, 2)}\n`);
  const requirement = options.version === undefined ? options.package : `${options.package}:${options.version}`;
  return { method: 'require', args: ['require', ...composerFlags(options), requirement], cwd: projectDir };
}

function installedPackage(entry: Record<string, unknown>, repositoryUrl: string): InstalledPackage {
  const dist = (entry.dist ?? {}) as { url?: unknown; shasum?: unknown };
  const distUrl = typeof dist.url === 'string' ? dist.url : null;
  return {
    name: String(entry.name),
    version: String(entry.version),
    distUrl,
    shasum: typeof dist.shasum === 'string' && dist.shasum !== '' ? dist.shasum : null,
    fromRepository: distUrl !== null && distUrl.startsWith(repositoryUrl),
  };
}

async function lockedPackages(projectDir: string, repositoryUrl: string): Promise<InstalledPackage[]> {
  const text = await readFile(join(projectDir, 'composer.lock'), 'utf8').catch(() => null);
  if (text === null) return [];
  const lock = JSON.parse(text) as { packages?: Array<Record<string, unknown>>; 'packages-dev'?: Array<Record<string, unknown>> };
  return [...(lock.packages ?? []), ...(lock['packages-dev'] ?? [])].map((p) => installedPackage(p, repositoryUrl)).sort((a, b) => a.name.localeCompare(b.name));
}

/** The project template as create-project installed it: the version from Composer's "Installing x (1.2.3)" line, the dist from the metadata. */
function installedTemplate(run: ComposerRun, name: string, versions: PackageVersion[], repositoryUrl: string): InstalledPackage | null {
  const pattern = new RegExp(`Installing ${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(([^)]+)\\)`, 'i');
  const version = pattern.exec(`${run.stderr}\n${run.stdout}`)?.[1];
  if (version === undefined) return null;
  const entry = versions.find((v) => v.version === version);
  return installedPackage({ name, version, dist: entry?.dist ?? {} }, repositoryUrl);
}

function failureOutput(run: ComposerRun, timeoutMs: number | undefined): string {
  const text = (run.stderr.trim() === '' ? run.stdout : run.stderr).trimEnd();
  const tail = text.split('\n').slice(-OUTPUT_LINES).join('\n');
  return run.timedOut ? `Composer did not finish within ${(timeoutMs ?? DEFAULT_COMPOSER_TIMEOUT_MS) / 1000} s and was stopped.\n${tail}`.trimEnd() : tail;
}

/**
 * Installs a package from a repository with the real Composer client in a temporary directory and reports
 * whether it worked, what was installed from where, or Composer's error output.
 */
export async function verifyInstall(options: VerifyInstallOptions): Promise<VerifyInstallResult> {
  if (options.stability !== undefined && !STABILITIES.test(options.stability)) {
    throw new MageosError('ERR_USAGE', `--stability ${options.stability} is not a stability`, { hint: 'Use stable, RC, beta, alpha or dev.' });
  }
  const local = !isUrl(options.repository);
  const location = local ? resolve(options.repository) : options.repository;
  const extra = options.extraRepository === undefined ? [] : [options.extraRepository];
  const work = await mkdtemp(join(tmpdir(), 'mageos-verify-install-'));
  let metadata: ComposerRepository | undefined;
  let server: StaticServer | undefined;
  try {
    const auth = loadComposerAuth();
    const client = await composerClient({
      home: join(work, 'home'),
      repositoryUrls: [local ? 'http://127.0.0.1/' : location, ...extra],
      ...(options.composerBinary === undefined ? {} : { composerBinary: options.composerBinary }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      packagist: options.packagist === true,
      auth,
    });
    const reading = <T>(step: Promise<T>) => step.catch((error: unknown) => Promise.reject(unreadable(error, [location])));
    const repository = await reading(openMetadata(location, join(work, 'metadata'), auth));
    metadata = repository;
    const versions = (await reading(repository.versions(options.package)))?.versions ?? [];
    if (local) server = await serveDirectory(location, await reading(sampleDistUrl(repository, versions)));
    const repositoryUrl = withSlash(server?.url ?? location.replace(/\/packages\.json$/, ''));
    const isProject = likelyVersion(versions, options.version)?.metadata.type === 'project';
    const steps = await plan(options, isProject ? 'create-project' : 'require', [repositoryUrl, ...extra], work);
    const run = await client.run(steps.args, steps.cwd);
    const success = run.code === 0;
    const packages = success ? await lockedPackages(join(work, 'project'), repositoryUrl) : [];
    const installed = !success ? null : isProject ? installedTemplate(run, options.package, versions, repositoryUrl) : (packages.find((p) => p.name === options.package.toLowerCase()) ?? null);
    return {
      success,
      repository: options.repository,
      repositoryUrl,
      package: options.package,
      requested: options.version ?? null,
      method: steps.method,
      command: steps.args,
      installed,
      durationMs: Math.round(run.ms),
      packages,
      withoutShasum: [...(isProject && installed !== null ? [installed] : []), ...packages].filter((p) => p.fromRepository && p.shasum === null).map((p) => p.name),
      composerExitCode: run.code,
      timedOut: run.timedOut,
      output: success ? '' : failureOutput(run, options.timeoutMs),
      dir: options.keepDir === true ? work : null,
    };
  } finally {
    await server?.close();
    await metadata?.close();
    if (options.keepDir !== true) await rm(work, { recursive: true, force: true });
  }
}
