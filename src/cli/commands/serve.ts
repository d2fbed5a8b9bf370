import type { Command } from 'commander';
import { MageosError } from '../../core/errors.js';

interface ServeFlags {
  host: string;
  port: string;
  prefix: string;
  quiet?: boolean;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new MageosError('ERR_USAGE', `--port ${value} is not a port number`, { hint: 'Use a whole number from 0 to 65535 (0 picks any free port).' });
  }
  return port;
}

/** Resolves on the first SIGINT or SIGTERM; a second one then gets the default behaviour and ends the process at once. */
function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function registerServe(program: Command, setExit: (code: number) => void): void {
  program
    .command('serve')
    .description('serve a built repository over HTTP for local use and tests (see docs/serve.md)')
    .argument('<dir>', 'repository directory (the --out of a build)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on, 0 for any free port', '8080')
    .option('--prefix <path>', 'URL path the repository is served under, e.g. /mirror/', '/')
    .option('--quiet', 'no request log on stderr')
    .action(async (dir: string, flags: ServeFlags) => {
      const port = parsePort(flags.port);
      const { serveRepository } = await import('../../app/serve/serve-repository.js');
      const server = await serveRepository({
        dir,
        host: flags.host,
        port,
        prefix: flags.prefix,
        ...(flags.quiet ? {} : { log: (line: string) => process.stderr.write(`${line}\n`) }),
      });
      process.stdout.write(`Serving ${server.dir} at ${server.url}\n`);
      await untilStopSignal();
      await server.close();
      setExit(0);
    });
}
