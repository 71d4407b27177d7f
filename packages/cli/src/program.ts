import { Command } from 'commander';
import type { Commands } from './commands.js';

/**
 * The `soukan` command with its subcommands. Given the command line, only the
 * subcommand it names is loaded; without one (`soukan --help`, a typo) all
 * are, so help and "unknown command" list them all.
 */
export async function createProgram(argv: readonly string[], commands: Commands): Promise<Command> {
  const program = new Command('soukan')
    .description('相関 soukan — correlation, volatility and risk analytics for currency traders')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(`soukan: ${s.replace(/^error: /, '')}`) });
  const named = argv.slice(2).find((a) => !a.startsWith('-'));
  const wanted = named !== undefined && named in commands ? [named] : Object.keys(commands);
  const registers = await Promise.all(wanted.map((name) => commands[name]!()));
  for (const register of registers) register(program);
  // Descriptions are written as source lines; commander wraps them to the
  // terminal, so a line break inside a paragraph would break a sentence twice.
  for (const c of program.commands) c.description(c.description().replace(/([^\n])\n(?!\n)/g, '$1 '));
  return program;
}
