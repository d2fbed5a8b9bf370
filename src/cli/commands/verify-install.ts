import type { Command } from 'commander';
import pc from 'picocolors';
import type { InstalledPackage, VerifyInstallResult } from '../../app/verify/verify-install.js';
import { ERROR_CODES, MageosError } from '../../core/errors.js';
import { printJson } from '../output.js';

interface InstallFlags {
  extraRepository?: string;
  ignorePlatformReqs?: boolean;
  stability?: string;
  keep?: boolean;
  packagist?: boolean;
  json?: boolean;
  composer?: string;
  timeout: string;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

function timeoutMs(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0) throw new MageosError('ERR_USAGE', `--timeout ${value} is not a number of seconds`, { hint: 'For example --timeout 600.' });
  return n * 1000;
}

function packageLine(p: InstalledPackage): string {
  if (p.distUrl === null) return `  ${p.name} ${p.version}${pc.dim(' (no archive)')}`;
  const from = p.fromRepository ? '' : pc.dim(` (from ${p.distUrl})`);
  return `  ${p.name} ${p.version}${p.shasum === null ? pc.yellow(' no shasum') : pc.dim(` sha1 ${p.shasum}`)}${from}`;
}

/** The human report: the verdict first, then the packages or Composer's output. */
function renderInstall(result: VerifyInstallResult): string {
  const lines: string[] = [];
  if (result.success) {
    lines.push(pc.green(`installed ${result.package} ${result.installed?.version ?? '(version unknown)'} in ${seconds(result.durationMs)} s: ${result.packages.length} packages`));
    lines.push(...result.packages.map(packageLine));
    if (result.withoutShasum.length > 0) lines.push(pc.yellow(`without a shasum (downloads not checked): ${result.withoutShasum.join(', ')}`));
  } else {
    const why = result.timedOut ? 'timed out' : `exited with code ${result.composerExitCode}`;
    lines.push(pc.red(`failed: composer ${result.command.join(' ')} ${why} after ${seconds(result.durationMs)} s`), '', result.output);
  }
  if (result.dir !== null) lines.push('', `kept ${result.dir}`);
  return lines.join('\n');
}

/** Adds `install` to the `verify` command: exit 0 installed, 8 Composer failed to install, 9 could not run. */
export function registerVerifyInstall(verify: Command, setExit: (code: number) => void): void {
  verify
    .command('install <repo> <package> [version]')
    .description('install a package from the repository with the real Composer client in a temporary directory (see docs/verify-install.md)')
    .option('--extra-repository <url>', 'a second Composer repository for packages the repository does not serve')
    .option('--ignore-platform-reqs', 'ignore php and ext-* requirements of the packages')
    .option('--stability <s>', 'minimum stability: stable, RC, beta, alpha or dev')
    .option('--keep', 'keep the temporary project directory and print where it is')
    .option('--packagist', 'let Composer use packagist.org too (default: only the named repositories)')
    .option('--json', 'machine-readable result on stdout')
    .option('--composer <path>', 'the composer executable (default $MAGEOS_REPO_COMPOSER, else composer on PATH)')
    .option('--timeout <seconds>', 'stop Composer after this long', '900')
    .action(async (repo: string, name: string, version: string | undefined, flags: InstallFlags) => {
      const timeout = timeoutMs(flags.timeout);
      if (process.stderr.isTTY && !flags.json) process.stderr.write(pc.dim(`installing ${name} from ${repo} with Composer...\n`));
      const { verifyInstall } = await import('../../app/verify/verify-install.js');
      const result = await verifyInstall({
        repository: repo,
        package: name,
        ...(version === undefined ? {} : { version }),
        ...(flags.extraRepository === undefined ? {} : { extraRepository: flags.extraRepository }),
        ...(flags.stability === undefined ? {} : { stability: flags.stability }),
        ...(flags.composer === undefined ? {} : { composerBinary: flags.composer }),
        ignorePlatformReqs: flags.ignorePlatformReqs === true,
        keepDir: flags.keep === true,
        packagist: flags.packagist === true,
        timeoutMs: timeout,
      });
      if (flags.json) printJson({ ok: result.success, check: 'install', ...result });
      else process.stdout.write(`${renderInstall(result)}\n`);
      setExit(result.success ? 0 : ERROR_CODES.ERR_VERIFY_FAILED);
    });
}
