// `npm start`: the main job, from a fresh clone. Installs and builds what is
// missing, prints the correlation matrix of the 28 majors on the ECB history
// in the terminal (`soukan corr`, which imports the ECB history into the store
// on first run), then starts the dashboard and API (`soukan serve`) on
// 127.0.0.1 and prints its address. Extra arguments go to serve:
// `npm start -- --port 9000`.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { build, ensureNodeModules, root, sharedDataDir } from './lib.mjs';

ensureNodeModules();
build({ progress: true });
// Offline development machines: the ECB file in the real-data folder beside
// the checkout is used when the download fails and nothing is cached.
const env = { ...process.env };
const devCopy = join(sharedDataDir(), 'eurofxref-hist.zip');
if (!env.SOUKAN_ECB_FALLBACK && existsSync(devCopy)) env.SOUKAN_ECB_FALLBACK = devCopy;
const soukan = join(root, 'packages', 'cli', 'bin', 'soukan.js');
const corr = spawnSync(process.execPath, [soukan, 'corr', '--universe', 'majors'], { stdio: 'inherit', env });
if (corr.status !== 0) process.exit(corr.status ?? 1);
const child = spawn(process.execPath, [soukan, 'serve', ...process.argv.slice(2)], { stdio: 'inherit', env });
// Ctrl-C reaches the server through the terminal; a signal sent to this
// process alone is passed on so the server can close cleanly.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
