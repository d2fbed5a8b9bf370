import type { Command } from 'commander';
import { profileNames, profilePath } from '../../app/config/profiles.js';
import { printJson } from '../output.js';

export function registerProfiles(program: Command): void {
  program
    .command('profiles')
    .description('list the built-in profiles')
    .option('--json', 'machine-readable list')
    .action((flags: { json?: boolean }) => {
      const profiles = profileNames().map((name) => ({ name, file: profilePath(name) }));
      if (flags.json) printJson(profiles);
      else for (const p of profiles) process.stdout.write(`${p.name}\t${p.file}\n`);
    });
}
