import { InputError } from '@soukan/data';
import { RequestError } from '@soukan/requests';
import { CommanderError } from 'commander';
import { amountArgs } from './amountArgs.js';
import { dataArgs } from './dataArgs.js';
import { createProgram } from './program.js';

/**
 * Entry point: user mistakes print one line and exit 2 (never a stack trace);
 * anything else is a bug and prints its stack and exits 1.
 */
async function main(words: readonly string[]): Promise<number> {
  const argv = [...words.slice(0, 2), ...amountArgs(dataArgs(words.slice(2)))];
  const program = await createProgram(argv);
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

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});
process.exitCode = await main(process.argv);
