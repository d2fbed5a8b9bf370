import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ERROR_CODES } from '../../core/errors.js';
import { wholeNumberOption } from '../option-values.js';
import { printJson } from '../output.js';

interface StatusFlags {
  json?: boolean;
  write?: boolean;
  nights: string;
}

export function registerStatus(program: Command, setExit: (code: number) => void): void {
  program
    .command('status')
    .description('print whether the nightly in a repository is installable, and its last nights, from <dir>/status.json; exit 8 when it is not (see docs/nightly.md)')
    .argument('<dir>', 'repository directory a nightly build writes (its --out)')
    .option('--json', 'print the summary and every night as JSON on stdout')
    .option('--write', 'also (re)write status.html and badge.svg in <dir> from its status.json')
    .option('--nights <n>', 'nights listed in the text output', '7')
    .action(async (dir: string, flags: StatusFlags) => {
      const shown = wholeNumberOption('--nights', flags.nights, 1, 14);
      const [{ readStatus }, { writeStatusFiles }, { nightsNewestFirst }, { renderStatus }] = await Promise.all([
        import('../../app/status/read-status.js'),
        import('../../app/status/write-status-files.js'),
        import('../../core/status/status-summary.js'),
        import('../render-status.js'),
      ]);
      const { document, summary } = await readStatus(resolve(dir));
      const written = flags.write ? writeStatusFiles(resolve(dir), document) : [];
      for (const file of written) process.stderr.write(`wrote ${file}\n`);
      const nights = nightsNewestFirst(document);
      const ok = summary.state === 'installable';
      if (flags.json) printJson({ ok, repository: document.repository, summary, nights, ...(flags.write ? { written } : {}) });
      else process.stdout.write(`${renderStatus(document.repository, summary, nights, shown)}\n`);
      setExit(ok ? 0 : ERROR_CODES.ERR_NIGHTLY_NOT_INSTALLABLE);
    });
}
