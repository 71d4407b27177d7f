import { COMMANDS } from './commands.js';
import { run } from './run.js';

// Every subcommand, each loaded when named (see commands.ts); the
// per-command bundles (scripts/bundleCli.mjs) run one of them instead.
process.exitCode = await run(process.argv, COMMANDS);
