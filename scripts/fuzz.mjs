// `npm run fuzz`: the reader fuzz suite at length — 100,000 mutated inputs per
// reader and 200 through the CLI (override with SOUKAN_FUZZ_RUNS,
// SOUKAN_FUZZ_CLI_RUNS; replay a failure with SOUKAN_FUZZ_SEED).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './lib.mjs';

const env = { ...process.env, SOUKAN_FUZZ_RUNS: process.env.SOUKAN_FUZZ_RUNS ?? '100000', SOUKAN_FUZZ_CLI_RUNS: process.env.SOUKAN_FUZZ_CLI_RUNS ?? '200' };
const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'packages/data/test/fuzz', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
