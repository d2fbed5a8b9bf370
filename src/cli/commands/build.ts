import type { Command } from 'commander';
import type { BuildResult } from '../../app/builder/build-result.js';
import { ERROR_CODES, MageosError } from '../../core/errors.js';
import { collect, wholeNumberOption } from '../option-values.js';
import { printJson } from '../output.js';
import { renderBuild } from '../render-build.js';
import { commonBuildOptions, runBuild } from '../run-build.js';

interface BuildFlags {
  config?: string;
  profile?: string;
  source: string[];
  sourceUrl: string[];
  out: string;
  format?: 'mageos' | 'deflate';
  cacheDir?: string;
  offline?: boolean;
  dryRun?: boolean;
  json?: boolean;
  keepGoing?: boolean;
  republish: string[];
  concurrency?: string;
  progress: boolean;
  baseUrl?: string;
  pruneArchives?: boolean;
  branch?: string;
  date?: string;
  skipInstallCheck?: boolean;
  check?: boolean;
  rebuildState?: boolean;
}

/** The exit code of a finished build: failures first (a night whose only failure is a check: 8), then drift. */
export function buildExitCode(result: BuildResult): number {
  if (result.errors.length > 0 && result.errors.every((e) => e.code === 'ERR_NIGHT_NOT_PUBLISHED')) return ERROR_CODES.ERR_NIGHT_NOT_PUBLISHED;
  if (result.errors.length > 0) return ERROR_CODES.ERR_BUILD_FAILED;
  if (result.drift.length > 0) return ERROR_CODES.ERR_DRIFT;
  return 0;
}

export function registerBuild(program: Command, setExit: (code: number) => void): void {
  program
    .command('build')
    .description('build or update a Composer repository from git sources')
    .option('--config <file>', 'JSON config file (see docs/configuration.md)')
    .option('--profile <name>', 'built-in profile (see `mageos-repo profiles`)')
    .option('--source <url-or-path>', 'git URL or local repository, built with the default rules (repeatable)', collect, [])
    .option('--source-url <name=url-or-path>', 'read the named source of the config or profile from another git URL or local repository (repeatable)', collect, [])
    .requiredOption('--out <dir>', 'repository directory to create or update')
    .option('--base-url <url>', 'public URL of the repository root, may include a path (default http://127.0.0.1:8080/)')
    .option('--prune-archives', 'delete the archives of versions that left the repository now, not after 7 days')
    .option('--format <format>', 'archive format: mageos (default, byte-identical to Mage-OS) or deflate')
    .option('--cache-dir <dir>', 'where remote sources are cloned (default ~/.cache/mageos-repo)')
    .option('--offline', 'do not fetch remote sources; build from the cache')
    .option('--dry-run', 'print the plan, write nothing')
    .option('--json', 'machine-readable result on stdout')
    .option('--keep-going', 'record failures, build the rest, exit non-zero (a source that cannot be fetched is read from its cache clone)')
    .option('--republish <package[@version]>', 'allow new bytes for a published package version (repeatable; "*" for all)', collect, [])
    .option('--check', 're-hash every published archive and restore damaged ones from git (exit 4 for those it cannot restore)')
    .option('--rebuild-state', 'make .mageos-repo/state.json again from the published archives and metadata (for a damaged state)')
    .option('--concurrency <n>', 'archives written at once', '4')
    .option('--branch <name>', 'build the --source repositories nightly from this branch instead of tags (see docs/nightly.md)')
    .option('--date <YYYY-MM-DD>', 'the night a nightly build is for (default: today in UTC)')
    .option('--skip-install-check', 'nightly: publish without installing the night with Composer first (the status page says so)')
    .option('--no-progress', 'no progress bar')
    .action(async (flags: BuildFlags) => {
      if (flags.format !== undefined && flags.format !== 'mageos' && flags.format !== 'deflate') {
        throw new MageosError('ERR_USAGE', `--format ${flags.format} is not a format`, { hint: 'Use mageos or deflate.' });
      }
      const concurrency = wholeNumberOption('--concurrency', flags.concurrency ?? '4', 1, 4);
      // Loaded here, not at start-up: the other commands do not pay for the build and the config schema.
      const { defaultCacheDir, resolveConfig } = await import('../../app/config/resolve-config.js');
      const config = await resolveConfig({
        ...(flags.config !== undefined ? { configFile: flags.config } : {}),
        ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
        ...(flags.format !== undefined ? { format: flags.format } : {}),
        ...(flags.baseUrl !== undefined ? { baseUrl: flags.baseUrl } : {}),
        sources: flags.source,
        sourceUrls: flags.sourceUrl,
        ...(flags.branch !== undefined ? { branch: flags.branch } : {}),
      });
      const result = await runBuild(
        {
          config,
          ...commonBuildOptions(flags, defaultCacheDir),
          concurrency,
          ...(flags.pruneArchives ? { archiveGraceMs: 0 } : {}),
          check: flags.check ?? false,
          rebuildState: flags.rebuildState ?? false,
          nightly: { ...(flags.date !== undefined ? { date: flags.date } : {}), skipInstallCheck: flags.skipInstallCheck === true },
        },
        flags.progress,
      );
      const shown = flags.dryRun ? (await import('../../app/config/effective-sources.js')).effectiveSources(config) : undefined;
      if (flags.json) printJson(shown === undefined ? result : { ...result, effectiveSources: shown });
      else process.stdout.write(`${renderBuild(result, shown === undefined ? {} : { effectiveSources: shown })}\n`);
      setExit(buildExitCode(result));
    });
}
