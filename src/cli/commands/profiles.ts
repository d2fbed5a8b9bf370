import type { Command } from 'commander';
import { listProfiles } from '../../app/config/profiles.js';
import { printJson } from '../output.js';

export function registerProfiles(program: Command): void {
  program
    .command('profiles')
    .description('list the built-in profiles and what each builds')
    .option('--json', 'machine-readable list (name, file, description)')
    .action((flags: { json?: boolean }) => {
      const profiles = listProfiles();
      if (flags.json) {
        printJson(profiles);
        return;
      }
      const width = Math.max(...profiles.map((p) => p.name.length));
      for (const p of profiles) process.stdout.write(`${p.name.padEnd(width)}  ${p.description}\n  ${' '.repeat(width)}${p.file}\n`);
    });
}
