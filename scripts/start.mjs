// `npm start`: the main job, from a fresh clone. Installs and builds what is
// missing, prints the correlation matrix of the 28 majors on the ECB history
// in the terminal (`soukan corr`, which imports the ECB history into the store
// on first run), then starts the dashboard and API (`soukan serve`) on
// 127.0.0.1 and prints its address. Extra arguments go to serve:
// `npm start -- --port 9000`.
//
// `npm start -- --live replay` serves the dashboard with the 2017 minutes of
// the eight HistData pairs replayed as a live feed (imported into the store
// from the real-data folder on first run): by default from 17:30 UTC on
// 15 March 2017 at 60×, so within the first minute the AUD/USD ~ NZD/USD
// correlation breaks out of its band at the Fed's decision and the alert
// fires (docs/live.md). `--speed` and `--from` change that.
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
// A replay reads the 2017 HistData minutes from the real-data folder when the store lacks them.
if (!env.SOUKAN_SHARED_DATA && existsSync(sharedDataDir())) env.SOUKAN_SHARED_DATA = sharedDataDir();
const soukan = join(root, 'packages', 'cli', 'bin', 'soukan.js');
const corr = spawnSync(process.execPath, [soukan, 'corr', '--universe', 'majors'], { stdio: 'inherit', env });
if (corr.status !== 0) process.exit(corr.status ?? 1);
const child = spawn(process.execPath, [soukan, 'serve', ...process.argv.slice(2)], { stdio: 'inherit', env });
// Ctrl-C reaches the server through the terminal; a signal sent to this
// process alone is passed on so the server can close cleanly.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
