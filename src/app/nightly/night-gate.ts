import { rm } from 'node:fs/promises';
import type { OutputDirectory } from '../../adapters/fs/output-directory.js';
import type { Config } from '../../core/config/schema.js';
import { unmetNightRequirements } from '../../core/nightly/night-integrity.js';
import { nameFilter } from '../../core/verify/name-filter.js';
import type { CheckResult } from '../../core/status/status-document.js';
import { installCheck } from './install-check.js';

export interface NightCheckOptions {
  /** No Composer run (machines without PHP); the status page says it was skipped. */
  skipInstallCheck?: boolean;
  composerBinary?: string;
}

/** The night's packages as written (in the state, not yet in the metadata): `night` holds their "name@version". */
function tonightOf(out: OutputDirectory, night: ReadonlySet<string>) {
  return Object.values(out.state.artifacts).filter((a) => night.has(`${a.name}@${a.version}`));
}

/**
 * The checks a night passes before the metadata serves it: every requirement between its packages resolves, and
 * its project template installs with Composer. An install check follows only a passed integrity check.
 */
export async function checkNight(out: OutputDirectory, config: Config, night: ReadonlySet<string>, options: NightCheckOptions): Promise<CheckResult[]> {
  const packages = tonightOf(out, night);
  const started = Date.now();
  const complete = nameFilter(config.nightly?.mustResolve ?? []);
  const fromUpstream = nameFilter(config.nightly?.fromUpstream ?? []);
  const unmet = unmetNightRequirements(packages, (name) => complete(name) && !fromUpstream(name));
  const integrity: CheckResult =
    unmet.length === 0
      ? { name: 'integrity', result: 'passed', summary: `${packages.length} package(s), every requirement between them resolves`, durationMs: Date.now() - started }
      : { name: 'integrity', result: 'failed', summary: `${unmet.length} requirement(s) between the night's packages do not resolve`, excerpt: unmet.slice(0, 40).join('\n'), durationMs: Date.now() - started };
  if (integrity.result === 'failed') return [integrity, { name: 'install', result: 'skipped', summary: 'not run: the integrity check failed' }];
  if (options.skipInstallCheck === true || config.nightly?.installCheck === false) {
    return [integrity, { name: 'install', result: 'skipped', summary: 'skipped on request (--skip-install-check or "installCheck": false)' }];
  }
  const install = await installCheck({
    out,
    packages,
    baseUrl: config.baseUrl,
    ...(config.nightly?.project === undefined ? {} : { project: config.nightly.project }),
    ...(config.nightly?.upstream === undefined ? {} : { upstream: [config.nightly.upstream].flat() }),
    ...(options.composerBinary === undefined ? {} : { composerBinary: options.composerBinary }),
  });
  return [integrity, install];
}

/**
 * Takes a night that is not published out of the repository: the archives this run added go at once (no lock file
 * ever named them); versions published before this run stay as they were.
 */
export async function withholdNight(out: OutputDirectory, night: ReadonlySet<string>, publishedBefore: ReadonlySet<string>): Promise<number> {
  const packages = tonightOf(out, night).filter((p) => !publishedBefore.has(`${p.name}@${p.version}`));
  for (const p of packages) {
    await rm(out.path(p.file), { force: true });
    delete out.state.artifacts[`${p.name}@${p.version}`];
  }
  return packages.length;
}
