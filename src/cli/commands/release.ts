import { resolve } from 'node:path';
import type { Command } from 'commander';
import { MageosError } from '../../core/errors.js';
import { collect } from '../option-values.js';
import { printJson } from '../output.js';
import { renderBuild } from '../render-build.js';
import { renderTagSources } from '../render-tag-sources.js';
import { commonBuildOptions, runBuild } from '../run-build.js';
import { buildExitCode } from './build.js';

interface ReleaseFlags {
  config?: string;
  profile?: string;
  source: string[];
  sourceUrl: string[];
  ref?: string;
  refOf: string[];
  vendor?: string;
  upstream?: string;
  upstreamVersion?: string;
  aliases?: boolean;
  tagSources?: boolean;
  out: string;
  baseUrl?: string;
  cacheDir?: string;
  offline?: boolean;
  dryRun?: boolean;
  json?: boolean;
  keepGoing?: boolean;
  republish: string[];
  progress: boolean;
}

/** The "distribution" fields the command line sets, over those of the config. */
function distributionFlags(flags: ReleaseFlags): Record<string, unknown> | undefined {
  const upstream = {
    ...(flags.upstream === undefined ? {} : { repository: /^https?:\/\//i.test(flags.upstream) ? flags.upstream : resolve(flags.upstream) }),
    ...(flags.upstreamVersion === undefined ? {} : { version: flags.upstreamVersion }),
  };
  const fields = {
    ...(flags.vendor === undefined ? {} : { vendor: flags.vendor }),
    ...(Object.keys(upstream).length === 0 ? {} : { upstream }),
    ...(flags.aliases === true ? { aliases: true } : {}),
  };
  return Object.keys(fields).length === 0 ? undefined : fields;
}

/** `--ref-of <source>=<ref>` values as a map; each names a source of the config or profile. */
function refsOf(values: string[]): Record<string, string> {
  const refs: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0 || at === value.length - 1) throw new MageosError('ERR_USAGE', `--ref-of ${value} is not <source>=<ref>`, { hint: 'For example --ref-of magento2=2.4-develop or --ref-of magento2=3f2a9c1.' });
    refs[value.slice(0, at)] = value.slice(at + 1);
  }
  return refs;
}

export function registerRelease(program: Command, setExit: (code: number) => void): void {
  program
    .command('release <version>')
    .description('build a release of a distribution: every magento/* package under its own vendor and version (see docs/distribution.md)')
    .option('--config <file>', 'JSON config file with a "distribution" (see docs/distribution.md)')
    .option('--profile <name>', 'built-in profile (see `mageos-repo profiles`)')
    .option('--source <url-or-path>', 'git URL or local repository to release (repeatable; with --ref and --vendor)', collect, [])
    .option('--source-url <name=url-or-path>', 'read the named source of the config or profile from another git URL or local repository (repeatable)', collect, [])
    .option('--ref <ref>', 'tag, branch or commit of the --source repositories to release')
    .option('--ref-of <source=ref>', 'the ref of one source of the config or profile, over its "ref" (repeatable)', collect, [])
    .option('--vendor <vendor>', 'the vendor every magento/* package is renamed to, e.g. mage-os')
    .option('--upstream <repository>', 'Magento Open Source repository (directory or URL) to read the upstream versions from, for "replace"')
    .option('--upstream-version <version>', 'the Magento Open Source release the distribution is based on, e.g. 2.4.7-p3')
    .option('--aliases', 'also publish a magento/<x> metapackage at the upstream version for every renamed package')
    .option('--tag-sources', 'write the release\'s composer.json files into a branch and tag of each local source repository (never pushed)')
    .requiredOption('--out <dir>', 'repository directory to create or update')
    .option('--base-url <url>', 'public URL of the repository root (default http://127.0.0.1:8080/)')
    .option('--cache-dir <dir>', 'where remote sources are cloned (default ~/.cache/mageos-repo)')
    .option('--offline', 'do not fetch remote sources; build from the cache')
    .option('--dry-run', 'print the plan, write nothing')
    .option('--json', 'machine-readable result on stdout')
    .option('--keep-going', 'record failures, build the rest, exit non-zero')
    .option('--republish <package[@version]>', 'allow new bytes for a published package version (repeatable; "*" for all)', collect, [])
    .option('--no-progress', 'no progress bar')
    .action(async (version: string, flags: ReleaseFlags) => {
      const { defaultCacheDir, resolveConfig } = await import('../../app/config/resolve-config.js');
      const distribution = distributionFlags(flags);
      const config = await resolveConfig({
        ...(flags.config !== undefined ? { configFile: flags.config } : {}),
        ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
        ...(flags.baseUrl !== undefined ? { baseUrl: flags.baseUrl } : {}),
        sources: flags.source,
        sourceUrls: flags.sourceUrl,
        ...(flags.ref !== undefined ? { ref: flags.ref } : {}),
        ...(distribution !== undefined ? { distribution } : {}),
        refs: refsOf(flags.refOf),
      });
      const result = await runBuild(
        {
          config,
          ...commonBuildOptions(flags, defaultCacheDir),
          release: { version },
        },
        flags.progress,
      );
      const complete = !flags.dryRun && result.errors.length === 0 && result.drift.length === 0;
      const { tagSources } = await import('../../app/distribution/tag-sources.js');
      // Only a release the build recorded (no errors, no drift) is written back.
      const tagged = flags.tagSources === true && complete ? await tagSources({ outDir: resolve(flags.out), config, version }) : undefined;
      const shown = flags.dryRun === true ? (await import('../../app/config/effective-sources.js')).effectiveSources(config) : undefined;
      const extra = { ...(shown === undefined ? {} : { effectiveSources: shown }), ...(tagged === undefined ? {} : { tagSources: tagged }) };
      if (flags.json) printJson({ ...result, ...extra });
      else process.stdout.write(`${[renderBuild(result, shown === undefined ? {} : { effectiveSources: shown }), ...renderTagSources(tagged)].join('\n')}\n`);
      setExit(buildExitCode(result));
    });
}
