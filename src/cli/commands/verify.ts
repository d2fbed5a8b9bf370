import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ComposerRepository } from '../../app/verify/open-repositories.js';
import type { VerifyProgress } from '../../app/verify/verify-progress.js';
import { ERROR_CODES, MageosError } from '../../core/errors.js';
import { printJson } from '../output.js';
import { collect, wholeNumberOption } from '../option-values.js';
import { progressReporter } from '../progress.js';
import { renderIntegrity, renderParity } from '../render-verify.js';
import { registerVerifyInstall } from './verify-install.js';

interface CommonFlags {
  json?: boolean;
  html?: string;
  cacheDir?: string;
  concurrency: string;
  allowHost: string[];
  allowAnyHost?: boolean;
  progress: boolean;
}

const PHASES: Record<VerifyProgress['phase'], string> = { metadata: 'metadata', archives: 'archives', checks: 'checking' };

function concurrencyOf(flags: CommonFlags): number {
  return wholeNumberOption('--concurrency', flags.concurrency, 1, 8);
}

function otherHostsOf(flags: CommonFlags): string[] | 'any' {
  if (flags.allowAnyHost === true) return 'any';
  for (const host of flags.allowHost) {
    if (!/^[a-z0-9.-]+(:\d+)?$|^\[[0-9a-f:.]+\](:\d+)?$/i.test(host)) throw new MageosError('ERR_USAGE', `--allow-host ${host} is not a host name`, { hint: 'Give a host as in a URL, without scheme or path: --allow-host cdn.example.com' });
  }
  return flags.allowHost;
}

/** Opens the repositories through the use case's reader, with a progress bar on stderr while the check runs. */
async function withRepositories<T>(locations: string[], flags: CommonFlags, run: (repositories: ComposerRepository[], onProgress: (p: VerifyProgress) => void) => Promise<T>): Promise<T> {
  const { withRepositories: open } = await import('../../app/verify/open-repositories.js');
  const reading = { concurrency: concurrencyOf(flags), otherHosts: otherHostsOf(flags), ...(flags.cacheDir === undefined ? {} : { cacheDir: flags.cacheDir }) };
  const progress = progressReporter(flags.progress, PHASES);
  try {
    return await open(locations, reading, (repositories) => run(repositories, progress.update));
  } finally {
    progress.stop();
  }
}

interface Report {
  passed: boolean;
  data: object;
  text: () => string;
  html: () => string;
}

/** Prints the report (JSON or text), writes the HTML page when asked, and returns exit 0 or ERR_VERIFY_FAILED. */
async function printReport(flags: CommonFlags, report: Report): Promise<number> {
  if (flags.html !== undefined) {
    const file = resolve(flags.html);
    await writeFile(file, report.html()).catch((cause: unknown) => {
      throw new MageosError('ERR_USAGE', `cannot write the HTML report to ${file}: ${(cause as Error).message}`, { hint: 'Choose a file in a directory that exists and is writable.', cause });
    });
  }
  if (flags.json) printJson({ ok: report.passed, ...report.data });
  else process.stdout.write(`${report.text()}\n`);
  return report.passed ? 0 : ERROR_CODES.ERR_VERIFY_FAILED;
}

function withCommonOptions(command: Command): Command {
  return command
    .option('--json', 'machine-readable report on stdout')
    .option('--html <file>', 'also write a self-contained HTML report to this file')
    .option('--cache-dir <dir>', 'where downloaded archives are kept (default ~/.cache/mageos-repo/verify)')
    .option('--concurrency <n>', 'downloads and archives read at once', '8')
    .option('--allow-host <host>', 'a remote repository may also fetch URLs on this host (repeatable); by default only its own origin', collect, [])
    .option('--allow-any-host', 'a remote repository may fetch URLs on any host')
    .option('--no-progress', 'no progress bar on stderr (it shows only on a terminal)');
}

export function registerVerify(program: Command, setExit: (code: number) => void): void {
  const verify = program.command('verify').description('check a repository: integrity on its own, parity against a reference, or a real Composer install (see docs/verify.md)');
  registerVerifyInstall(verify, setExit);

  withCommonOptions(
    verify
      .command('integrity <repo>')
      .description('every requirement resolves in the repository; every archive exists, has its sha1 and agrees with the metadata')
      .option('--vendor <glob>', 'requirements on these names must resolve too, besides those of the vendors the repository serves (repeatable), e.g. "laminas/*"', collect, []),
  ).action(async (repo: string, flags: CommonFlags & { vendor: string[] }) => {
    const [{ verifyIntegrity }, { integrityPage }] = await Promise.all([import('../../app/verify/verify-integrity.js'), import('../../core/verify/report-page.js')]);
    const result = await withRepositories([repo], flags, ([repository], onProgress) =>
      verifyIntegrity({ repository: repository as ComposerRepository, vendors: flags.vendor, concurrency: concurrencyOf(flags), onProgress }),
    );
    const passed = result.counts.problems === 0;
    setExit(await printReport(flags, { passed, data: { check: 'integrity', ...result }, text: () => renderIntegrity(result), html: () => integrityPage(result) }));
  });

  withCommonOptions(
    verify
      .command('parity <repo>')
      .description('compare files, modes and composer.json of every package version with a reference repository or directory of archives')
      .requiredOption('--against <reference>', 'reference: repository directory, http(s) URL, or directory of archives')
      .option('--ignore <glob>', 'paths inside archives not compared (repeatable), e.g. "**/*.md"', collect, [])
      .option('--package <name-or-glob>', 'compare only these packages (repeatable), e.g. "magento/module-*"', collect, []),
  ).action(async (repo: string, flags: CommonFlags & { against: string; ignore: string[]; package: string[] }) => {
    const [{ verifyParity }, { parityPassed }, { parityPage }] = await Promise.all([
      import('../../app/verify/verify-parity.js'),
      import('../../core/verify/parity-report.js'),
      import('../../core/verify/report-page.js'),
    ]);
    const result = await withRepositories([repo, flags.against], flags, ([ours, reference], onProgress) =>
      verifyParity({ ours: ours as ComposerRepository, reference: reference as ComposerRepository, ignore: flags.ignore, packages: flags.package, concurrency: concurrencyOf(flags), onProgress }),
    );
    setExit(await printReport(flags, { passed: parityPassed(result), data: { check: 'parity', ...result }, text: () => renderParity(result), html: () => parityPage(result) }));
  });
}
