// `npm start`: the main job, from a fresh clone. Installs and builds what is
// missing, then runs soukan's headline command. Extra arguments are passed
// on: `npm start -- --window 60`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { build, ensureNodeModules, root, sharedDataDir } from './lib.mjs';

ensureNodeModules();
build();
// Offline development machines: the ECB file in the real-data folder beside
// the checkout is used when the download fails and nothing is cached.
const env = { ...process.env };
const devCopy = join(sharedDataDir(), 'eurofxref-hist.zip');
if (!env.SOUKAN_ECB_FALLBACK && existsSync(devCopy)) env.SOUKAN_ECB_FALLBACK = devCopy;
const r = spawnSync(process.execPath, [join(root, 'packages', 'cli', 'bin', 'soukan.js'), 'corr', '--universe', 'majors', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
process.exit(r.status ?? 1);
