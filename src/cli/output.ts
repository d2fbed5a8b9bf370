import pc from 'picocolors';
import { isMageosError } from '../core/errors.js';

export interface Output {
  json: boolean;
  verbose: boolean;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A user error is one line plus a hint; the stack only with --verbose. */
export function printError(error: unknown, output: Output): void {
  if (output.json) {
    const e = isMageosError(error)
      ? { code: error.code, message: error.message, hint: error.hint, details: error.details }
      : { code: 'ERR_INTERNAL', message: String((error as Error)?.message ?? error) };
    printJson({ ok: false, error: e });
  }
  if (isMageosError(error)) {
    process.stderr.write(`${pc.red('error')} ${error.code}: ${error.message}\n`);
    if (error.hint) process.stderr.write(`${pc.dim('hint:')} ${error.hint}\n`);
  } else {
    process.stderr.write(`${pc.red('internal error')}: ${(error as Error)?.message ?? error}\n`);
  }
  if (output.verbose || !isMageosError(error)) {
    const stack = (error as Error)?.stack;
    if (stack) process.stderr.write(`${pc.dim(stack)}\n`);
  }
}
