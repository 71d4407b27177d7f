import { InputError } from '@soukan/data';
import { RequestError } from '@soukan/requests';
import { CommanderError } from 'commander';
import { amountArgs } from './amountArgs.js';
import type { Commands } from './commands.js';
import { dataArgs } from './dataArgs.js';
import { createProgram } from './program.js';

/**
 * Runs the command line with the given subcommands (all of them from
 * main.ts; the one it names from a per-command bundle): user mistakes print
 * one line and exit 2 (never a stack trace); anything else is a bug and
 * prints its stack and exits 1. Resolves to the exit code.
 *
 * @example process.exitCode = await run(process.argv, COMMANDS) // 0 when the command succeeded
 */
export async function run(words: readonly string[], commands: Commands): Promise<number> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  const argv = [...words.slice(0, 2), ...amountArgs(dataArgs(words.slice(2)))];
  const program = await createProgram(argv, commands);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof InputError || e instanceof RequestError) {
      process.stderr.write(`soukan: ${e.message}\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' && err.path) {
      process.stderr.write(`soukan: no such file: ${err.path}\n`);
      return 2;
    }
    if (err.code === 'EPIPE') return 0;
    process.stderr.write(`soukan: internal error (please report): ${err.stack ?? String(e)}\n`);
    return 1;
  }
}
