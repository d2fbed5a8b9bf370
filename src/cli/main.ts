import { Command, CommanderError } from 'commander';
import { toolVersion } from '../app/package-info.js';
import { ERROR_CODES, exitCodeOf } from '../core/errors.js';
import { registerBuild } from './commands/build.js';
import { registerDemo } from './commands/demo.js';
import { registerProfiles } from './commands/profiles.js';
import { registerPublish } from './commands/publish.js';
import { registerRelease } from './commands/release.js';
import { registerServe } from './commands/serve.js';
import { registerStatus } from './commands/status.js';
import { registerVerify } from './commands/verify.js';
import { tuneV8 } from './v8-flags.js';
import { printError } from './output.js';
import { configureUsage } from './usage.js';

/**
 * A reader that stops early (`mageos-repo build --dry-run | head`) is not an error of ours: what could not be
 * written is dropped and the exit code stays the command's own.
 */
function ignoreClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}

/** Runs the command line and returns the exit code (documented in README.md). */
export async function main(argv: string[]): Promise<number> {
  ignoreClosedOutput();
  tuneV8();
  let exitCode = 0;
  const program = new Command('mageos-repo')
    .description('Build Composer repositories for Magento Open Source and Mage-OS from git')
    .version(toolVersion(), '-V, --version', 'print the version of mageos-repo')
    .option('--verbose', 'show stack traces of errors')
    .exitOverride();
  const setExit = (code: number) => {
    exitCode = code;
  };
  registerBuild(program, setExit);
  registerDemo(program, setExit);
  registerProfiles(program);
  registerPublish(program, setExit);
  registerRelease(program, setExit);
  registerServe(program, setExit);
  registerStatus(program, setExit);
  registerVerify(program, setExit);
  configureUsage(program);
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : ERROR_CODES.ERR_USAGE;
    }
    printError(error, { json, verbose: argv.includes('--verbose') });
    return exitCodeOf(error);
  }
}
