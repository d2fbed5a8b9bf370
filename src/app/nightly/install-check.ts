import { copyFileSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { composerClient, type ComposerRun } from '../../adapters/composer/composer-client.js';
import { makeDirectoryOnce } from '../../adapters/fs/atomic-file.js';
import type { OutputDirectory } from '../../adapters/fs/output-directory.js';
import { startStaticServer } from '../../adapters/http/static-server.js';
import { isMageosError } from '../../core/errors.js';
import { repositoryMetadata } from '../../core/metadata/repository-metadata.js';
import type { PublishedArtifact } from '../../core/state/build-state.js';
import type { CheckResult } from '../../core/status/status-document.js';

export interface InstallCheckOptions {
  out: OutputDirectory;
  /** The night's packages, written but not published. */
  packages: PublishedArtifact[];
  /** The URL the repository is published at: the project template's `repositories` name it. */
  baseUrl: string;
  /** The project template to install; default the night's package of type "project". */
  project?: string;
  /** Composer repositories for the packages the night does not build. */
  upstream?: string[];
  composerBinary?: string;
  timeoutMs?: number;
}

const EXCERPT_LINES = 40;

function excerpt(run: ComposerRun): string {
  return `${run.stderr}\n${run.stdout}`.trim().split('\n').slice(-EXCERPT_LINES).join('\n');
}

/** The night as a repository of its own in the scratch space: its metadata for `url`, its archives linked (not copied). */
function stageNight(out: OutputDirectory, packages: PublishedArtifact[], url: string, dir: string): void {
  const made = new Set<string>();
  for (const file of repositoryMetadata(packages, url)) {
    makeDirectoryOnce(dirname(join(dir, file.path)), made);
    writeFileSync(join(dir, file.path), file.text);
  }
  for (const p of packages) {
    const staged = join(dir, p.file);
    makeDirectoryOnce(dirname(staged), made);
    try {
      linkSync(out.path(p.file), staged);
    } catch {
      copyFileSync(out.path(p.file), staged);
    }
  }
}

/** The project's repositories with the published URL (where the night is not yet) pointed at the staged night, plus upstream. */
function pointAtNight(projectDir: string, baseUrl: string, nightUrl: string, upstream: readonly string[]): void {
  const file = join(projectDir, 'composer.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const same = (url: unknown) => typeof url === 'string' && url.replace(/\/?$/, '/') === baseUrl;
  const listed = Array.isArray(json.repositories) ? (json.repositories as Array<Record<string, unknown>>) : Object.values((json.repositories ?? {}) as Record<string, Record<string, unknown>>);
  const repositories = listed.map((r) => (same(r.url) ? { ...r, url: nightUrl } : r));
  if (!repositories.some((r) => r.url === nightUrl)) repositories.unshift({ type: 'composer', url: nightUrl });
  for (const url of upstream) repositories.push({ type: 'composer', url });
  json.repositories = repositories;
  const config = (json.config ?? {}) as Record<string, unknown>;
  json.config = { ...config, 'secure-http': false };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

/**
 * Installs the night's project template as a user would, before the night is published: `create-project` of the
 * template from the night (staged and served on loopback), its repository URL pointed at the staged night, then
 * `install` without scripts and platform requirements. Skipped, and said so, where Composer is missing.
 */
export async function installCheck(options: InstallCheckOptions): Promise<CheckResult> {
  const started = Date.now();
  const project = options.project ?? options.packages.find((p) => (JSON.parse(p.composerJson) as { type?: unknown }).type === 'project')?.name;
  if (project === undefined) return { name: 'install', result: 'skipped', summary: 'the night has no project template (a package of type "project")' };
  const work = join(options.out.tmpDir, 'night-check');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'repo'), { recursive: true });
  const server = await startStaticServer({ root: join(work, 'repo'), host: '127.0.0.1', port: 0 });
  try {
    stageNight(options.out, options.packages, server.url, join(work, 'repo'));
    const repositoryUrls = [server.url, ...(options.upstream ?? [])];
    const client = await composerClient({
      home: join(work, 'home'),
      repositoryUrls,
      ...(options.composerBinary === undefined ? {} : { composerBinary: options.composerBinary }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    const flags = ['--no-scripts', '--ignore-platform-reqs', '--no-progress'];
    const create = await client.run(['create-project', `--repository=${server.url}`, '--stability=alpha', '--no-install', ...flags, project, 'project'], work);
    const failed = (run: ComposerRun, step: string): CheckResult => ({
      name: 'install',
      result: 'failed',
      summary: `composer ${step} of ${project} failed (exit ${run.code}${run.timedOut ? ', timed out' : ''})`,
      excerpt: excerpt(run),
      durationMs: Date.now() - started,
    });
    if (create.code !== 0) return failed(create, 'create-project');
    pointAtNight(join(work, 'project'), options.baseUrl, server.url, options.upstream ?? []);
    const install = await client.run(['install', ...flags], join(work, 'project'));
    if (install.code !== 0) return failed(install, 'install');
    return { name: 'install', result: 'passed', summary: `composer create-project ${project} installed the night`, durationMs: Date.now() - started };
  } catch (error) {
    if (!isMageosError(error) || error.code !== 'ERR_COMPOSER_MISSING') throw error;
    return { name: 'install', result: 'skipped', summary: `${error.message} (install check skipped)` };
  } finally {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}
