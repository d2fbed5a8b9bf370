import type { Command, Option } from 'commander';
import pc from 'picocolors';

/**
 * Options a command cannot run without. Commander checks its own required options before it looks for unknown
 * ones, so `build --output x` would hear that --out is missing instead of that --output is unknown (and close to
 * --out): they are checked here instead, after the unknown ones, just before the action.
 */
const required = new WeakSet<Option>();

function commandsOf(command: Command): Command[] {
  return [command, ...command.commands.flatMap(commandsOf)];
}

function commandPath(command: Command): string {
  return command.parent ? `${commandPath(command.parent)} ${command.name()}` : command.name();
}

/** An option's help line: "(required)" where it is, and a default only where one says something (no `[]`, no quotes). */
function optionDescription(option: Option): string {
  const extra: string[] = [];
  if (required.has(option)) extra.push('required');
  const value: unknown = option.defaultValue;
  if ((typeof value === 'string' && value !== '') || typeof value === 'number') extra.push(`default: ${option.defaultValueDescription ?? String(value)}`);
  return extra.length > 0 ? `${option.description} (${extra.join(', ')})` : option.description;
}

/** Commander's message in our words: one line, the suggestion on it, `error` in red as our own errors print it. */
function oneLine(message: string): string {
  return message.replace(/\n\(Did you mean (.+)\?\)/, ' (did you mean $1?)').replace(/^error:/, `${pc.red('error')}:`);
}

function checkRequired(command: Command): void {
  for (const option of command.options) {
    if (required.has(option) && command.getOptionValue(option.attributeName()) === undefined) {
      command.error(`error: required option '${option.flags}' not specified`, { code: 'commander.missingMandatoryOptionValue' });
    }
  }
}

/**
 * How help and usage errors read for every command of `program` (call it once all commands are registered):
 * required options marked in the help and the usage line, and a usage error as one line plus where the help is.
 */
export function configureUsage(program: Command): void {
  for (const command of commandsOf(program)) {
    const mandatory = command.options.filter((option) => option.mandatory);
    for (const option of mandatory) {
      option.makeOptionMandatory(false);
      required.add(option);
    }
    if (mandatory.length > 0) command.usage(`${mandatory.map((o) => o.flags).join(' ')} ${command.usage()}`);
    command.configureHelp({ optionDescription });
    command.configureOutput({ outputError: (message, write) => write(oneLine(message)) });
    command.showHelpAfterError(`${pc.dim('hint:')} see \`${commandPath(command)} --help\``);
  }
  program.hook('preAction', (_program, action) => checkRequired(action));
}
