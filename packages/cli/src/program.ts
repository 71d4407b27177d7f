import { Command } from 'commander';
import { registerCorr } from './commands/corr.js';

/** The `soukan` command and its subcommands. */
export function createProgram(): Command {
  const program = new Command('soukan')
    .description('相関 soukan — correlation, volatility and risk analytics for currency traders')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(`soukan: ${s.replace(/^error: /, '')}`) });
  registerCorr(program);
  return program;
}
