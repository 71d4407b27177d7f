import type { Command } from 'commander';

/** Adds one subcommand to the program. */
export type Register = (program: Command) => void;

/** Subcommand name → a loader of the module that registers it. */
export type Commands = Readonly<Record<string, () => Promise<Register>>>;

/**
 * Each subcommand's module, loaded only when needed: a run of `soukan bars`
 * should not pay for parsing the server, the dashboard routes and every
 * other command (module loading is most of a short command's wall time).
 */
export const COMMANDS: Commands = {
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
