import { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Each subcommand's module, loaded only when needed: a run of `soukan bars`
 * should not pay for parsing the server, the dashboard routes and every
 * other command (module loading is most of a short command's wall time).
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  corr: async () => (await import('./commands/corr.js')).registerCorr,
  stability: async () => (await import('./commands/stability.js')).registerStability,
  dcc: async () => (await import('./commands/dcc.js')).registerDcc,
  vol: async () => (await import('./commands/vol.js')).registerVol,
  move: async () => (await import('./commands/move.js')).registerMove,
  var: async () => (await import('./commands/var.js')).registerVar,
  exposure: async () => (await import('./commands/exposure.js')).registerExposure,
  strength: async () => (await import('./commands/strength.js')).registerStrength,
  cross: async () => (await import('./commands/cross.js')).registerCross,
  pair: async () => (await import('./commands/pair.js')).registerPair,
  leadlag: async () => (await import('./commands/leadlag.js')).registerLeadLag,
  partial: async () => (await import('./commands/partial.js')).registerPartial,
  epps: async () => (await import('./commands/epps.js')).registerEpps,
  perf: async () => (await import('./commands/perf.js')).registerPerf,
  import: async () => (await import('./commands/import.js')).registerImport,
  list: async () => (await import('./commands/list.js')).registerList,
  bars: async () => (await import('./commands/bars.js')).registerBars,
  remove: async () => (await import('./commands/remove.js')).registerRemove,
  serve: async () => (await import('./commands/serve.js')).registerServe,
  watch: async () => (await import('./commands/watch.js')).registerWatch,
  doctor: async () => (await import('./commands/doctor.js')).registerDoctor,
};

/**
 * The `soukan` command with its subcommands. Given the command line, only the
 * subcommand it names is loaded; without one (`soukan --help`, a typo) all
 * are, so help and "unknown command" list them all.
 */
export async function createProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('soukan')
    .description('相関 soukan — correlation, volatility and risk analytics for currency traders')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(`soukan: ${s.replace(/^error: /, '')}`) });
  const named = argv.slice(2).find((a) => !a.startsWith('-'));
  const wanted = named !== undefined && named in COMMANDS ? [named] : Object.keys(COMMANDS);
  const registers = await Promise.all(wanted.map((name) => COMMANDS[name]!()));
  for (const register of registers) register(program);
  // Descriptions are written as source lines; commander wraps them to the
  // terminal, so a line break inside a paragraph would break a sentence twice.
  for (const c of program.commands) c.description(c.description().replace(/([^\n])\n(?!\n)/g, '$1 '));
  return program;
}
