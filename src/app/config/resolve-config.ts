import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { type ConfigLayer, mergeConfigLayers } from '../../core/config/merge-config.js';
import { type SourceLocation, looksLikeGitUrl } from '../../core/config/source-location.js';
import { withSourceLocations } from '../../core/config/source-url-overrides.js';
import { applyUrlRewrites } from '../../core/config/url-rewrites.js';
import type { Config, ConfigInput } from '../../core/config/schema.js';
import { type PlainSourcesRequest, plainSourcesConfig } from '../../core/config/plain-sources-config.js';
import { MageosError } from '../../core/errors.js';
import { BUILTIN_PREFIX } from '../distribution/templates-directory.js';
import { readConfigChain } from './config-chain.js';

export interface ConfigRequest {
  configFile?: string;
  profile?: string;
  /** `--source` values: git URLs or local paths, built with the default rules. */
  sources?: string[];
  format?: 'mageos' | 'deflate';
  baseUrl?: string;
  /** `--branch`: the `--source` values are built nightly from this branch. */
  branch?: string;
  /** `--ref` of `release`: the `--source` values are released from this tag, branch or commit. */
  ref?: string;
  /** `release` options that set fields of the config's "distribution" (vendor, upstream, aliases). */
  distribution?: Record<string, unknown>;
  /** `--ref-of`: the ref of named sources, over their "ref". */
  refs?: Record<string, string>;
  /** `--source-url <name>=<url-or-path>`: named sources of the config or profile read from elsewhere. */
  sourceUrls?: string[];
  cwd?: string;
}

/** A `--source` value as a config source: an existing directory is a local path, else it must look like a git URL. */
export function sourceFromArgument(value: string, cwd: string): ConfigInput['sources'][number] {
  const local = resolve(cwd, value);
  if (existsSync(local) && statSync(local).isDirectory()) return { path: local };
  if (looksLikeGitUrl(value)) return { url: value };
  throw new MageosError('ERR_USAGE', `--source ${value} is neither an existing directory nor a git URL`, {
    hint: 'Give a path to a git repository or a URL such as https://github.com/mage-os/mirror-security-package.git',
  });
}

/** `--source-url <name>=<url-or-path>` values by source name: a git URL stays a URL, anything else must be an existing directory. */
export function sourceLocations(values: readonly string[], cwd: string): Record<string, SourceLocation> {
  const locations: Record<string, SourceLocation> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0 || at === value.length - 1) {
      throw new MageosError('ERR_USAGE', `--source-url ${value} is not <name>=<url-or-path>`, { hint: 'For example --source-url magento2=https://git.example.com/magento2.git or --source-url magento2=/srv/git/magento2.git.' });
    }
    const target = value.slice(at + 1);
    const local = resolve(cwd, target);
    if (looksLikeGitUrl(target)) locations[value.slice(0, at)] = { url: target };
    else if (existsSync(local) && statSync(local).isDirectory()) locations[value.slice(0, at)] = { path: local };
    else throw new MageosError('ERR_USAGE', `--source-url ${value}: ${target} is neither an existing directory nor a git URL`, { hint: 'Give a path to a git repository (a bare clone works) or a URL.' });
  }
  return locations;
}

/** Reads --config / --profile / --source into one validated configuration. */
export async function resolveConfig(request: ConfigRequest): Promise<Config> {
  const cwd = request.cwd ?? process.cwd();
  if (request.configFile !== undefined && request.profile !== undefined) {
    throw new MageosError('ERR_USAGE', 'use either --config or --profile, not both', { hint: 'A profile is a config file that ships with mageos-repo.' });
  }
  let raw: Record<string, unknown> = { sources: [] };
  let origin = '--source options';
  let origins: ReadonlyMap<string, string> = new Map();
  // A config file's relative paths were made absolute from its own directory as it was read; what is left is relative to cwd.
  const base = cwd;
  if (request.configFile !== undefined || request.profile !== undefined) {
    const start = request.configFile !== undefined ? { file: request.configFile } : { profile: request.profile as string };
    const layers = await readConfigChain(start, cwd);
    const merged = mergeConfigLayers(layers);
    origin = (layers[layers.length - 1] as ConfigLayer).origin;
    origins = layers.length > 1 ? merged.origins : new Map();
    raw = applyUrlRewrites(merged.raw);
  }
  if (request.sourceUrls !== undefined && request.sourceUrls.length > 0) {
    raw = withSourceLocations(raw, sourceLocations(request.sourceUrls, cwd), origin);
  }
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    if (request.ref !== undefined && (request.sources ?? []).length === 0) {
      throw new MageosError('ERR_USAGE', '--ref applies to --source: give the repositories to release with --source', {
        hint: 'Example: mageos-repo release 1.0.0 --source ./my-fork --ref 2.4.7-p3 --vendor acme --out ./repo (a config file sets "ref" per source).',
      });
    }
    if (request.branch !== undefined && (request.sources ?? []).length === 0) {
      throw new MageosError('ERR_USAGE', '--branch applies to --source: give the repositories to build nightly with --source', {
        hint: 'Example: mageos-repo build --source ./my-repo --branch develop --out ./nightly (a config file sets "branch" per source).',
      });
    }
    const chosen = { ...(request.branch === undefined ? {} : { branch: request.branch }), ...(request.ref === undefined ? {} : { ref: request.ref }) };
    const extra = (request.sources ?? []).map((s) => ({ ...sourceFromArgument(s, cwd), ...chosen }));
    const existing = Array.isArray(raw.sources) ? raw.sources : raw.sources === undefined ? [] : null;
    if (existing !== null) raw = { ...raw, sources: [...existing, ...extra] };
    if (request.format !== undefined) raw = { ...raw, format: request.format };
    if (request.baseUrl !== undefined) raw = { ...raw, baseUrl: request.baseUrl };
    if (request.distribution !== undefined) {
      const given = (raw.distribution as Record<string, unknown> | undefined) ?? {};
      const upstream = { ...((given.upstream as Record<string, unknown> | undefined) ?? {}), ...((request.distribution.upstream as Record<string, unknown> | undefined) ?? {}) };
      raw = { ...raw, distribution: { ...given, ...request.distribution, ...(Object.keys(upstream).length > 0 ? { upstream } : {}) } };
    }
    for (const [name, ref] of Object.entries(request.refs ?? {})) {
      const list = Array.isArray(raw.sources) ? (raw.sources as Array<Record<string, unknown>>) : [];
      if (!list.some((s) => s.name === name)) {
        throw new MageosError('ERR_USAGE', `--ref-of names source "${name}", which ${origin} does not have`, { hint: `Its sources: ${list.map((s) => s.name).filter(Boolean).join(', ') || '(none named)'}.` });
      }
      raw = { ...raw, sources: list.map((s) => (s.name === name ? { ...s, ref } : s)) };
    }
  }
  if (request.configFile === undefined && request.profile === undefined && (request.sources ?? []).length === 0) {
    throw new MageosError('ERR_USAGE', 'nothing to build: give --source, --config or --profile', {
      hint: 'Example: mageos-repo build --source https://github.com/mage-os/mirror-security-package.git --out ./repo',
    });
  }
  // --source options alone need no schema (nor its start-up time); a config file or profile always goes through it.
  const plain = request.configFile === undefined && request.profile === undefined && request.distribution === undefined ? plainSourcesConfig(raw as unknown as PlainSourcesRequest) : null;
  const config = plain ?? (await import('../../core/config/parse-config.js')).parseConfig(raw, origin, origins);
  const local = <T extends { path?: string | undefined }>(s: T): T => (s.path !== undefined && !isAbsolute(s.path) ? { ...s, path: join(base, s.path) } : s);
  const dist = config.distribution;
  const upstream = dist?.upstream;
  const upstreamHere = upstream !== undefined && !/^https?:\/\//i.test(upstream.repository) && !isAbsolute(upstream.repository) ? { upstream: { ...upstream, repository: join(base, upstream.repository) } } : {};
  const templatesHere = dist?.templates !== undefined && !dist.templates.startsWith(BUILTIN_PREFIX) && !isAbsolute(dist.templates) ? { templates: join(base, dist.templates) } : {};
  const distribution = dist === undefined ? {} : { distribution: { ...dist, ...upstreamHere, ...templatesHere } };
  return { ...config, sources: config.sources.map(local), ...(config.archives ? { archives: config.archives.map(local) } : {}), ...distribution };
}

/** Where remote sources are cached: --cache-dir, $MAGEOS_REPO_CACHE, $XDG_CACHE_HOME/mageos-repo or ~/.cache/mageos-repo. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MAGEOS_REPO_CACHE) return resolve(env.MAGEOS_REPO_CACHE);
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'mageos-repo');
  return join(homedir(), '.cache', 'mageos-repo');
}
