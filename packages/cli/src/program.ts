import { Command } from 'commander';
import { registerCorr } from './commands/corr.js';
import { registerCross } from './commands/cross.js';
import { registerExposure } from './commands/exposure.js';
import { registerMove } from './commands/move.js';
import { registerPair } from './commands/pair.js';
import { registerPerf } from './commands/perf.js';
import { registerStrength } from './commands/strength.js';
import { registerVar } from './commands/var.js';
import { registerVol } from './commands/vol.js';
import { registerImport } from './commands/import.js';
import { registerList } from './commands/list.js';
import { registerBars } from './commands/bars.js';
import { registerRemove } from './commands/remove.js';

/** The `soukan` command and its subcommands. */
export function createProgram(): Command {
  const program = new Command('soukan')
    .description('相関 soukan — correlation, volatility and risk analytics for currency traders')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(`soukan: ${s.replace(/^error: /, '')}`) });
  registerCorr(program);
  registerVol(program);
  registerMove(program);
  registerVar(program);
  registerExposure(program);
  registerStrength(program);
  registerCross(program);
  registerPair(program);
  registerPerf(program);
  registerImport(program);
  registerList(program);
  registerBars(program);
  registerRemove(program);
  return program;
}
