// Benchmark (issue 13, start-up): `soukan corr --universe majors` as a user
// runs it — a fresh process each time, the 28 majors from the store (the
// ECB history imported into a temporary store first) — and its module
// loading: the time from bin/soukan.js's first line to the command's action,
// as `--verbose` reports it (wall and CPU time of the process), with the
// per-command bundle (what `npm run build` makes and bin/soukan.js loads)
// and with the compiled modules one by one (what ran before the bundle).
// The peer is the same job as a pandas script (interpreter start and
// imports included), reading the same ECB file.
//
// Runs are interleaved (bundle, modules, pandas, bundle, …) so that the
// three see the same background load; medians of N (default 21) after one
// unmeasured round (file cache).
//
//   node bench/startup.bench.mjs [--runs 21]
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { benchDir, numArg, PYTHON, printRows, report, root, row, tempDir } from './lib/common.mjs';

const RUNS = numArg('runs', 21);
const shared = process.env.SOUKAN_SHARED_DATA ?? join(benchDir, '..', '..', 'shared', 'data');
const zip = join(shared, 'eurofxref-hist.zip');
if (!existsSync(zip)) {
  console.error(`startup: ${zip} not found (set SOUKAN_SHARED_DATA)`);
  process.exit(1);
}
const cliDist = join(root, 'packages', 'cli', 'dist');
const bundle = join(cliDist, 'bundle', 'main.js');
if (!existsSync(bundle)) {
  console.error(`startup: ${bundle} not found (npm run build)`);
  process.exit(1);
}
const home = tempDir();
const env = { ...process.env, NO_COLOR: '1', SOUKAN_HOME: home, SOUKAN_STORE: join(home, 'soukan.duckdb'), SOUKAN_KERNEL: '', SOUKAN_ECB_FILE: '' };
const bin = join(root, 'packages', 'cli', 'bin', 'soukan.js');
// Starts soukan exactly as bin/soukan.js does (the same mark), with the
// entry given: the bundle or the compiled modules.
const launcher = join(home, 'launch.mjs');
writeFileSync(launcher, "performance.mark('soukan:start', { detail: process.cpuUsage() });\nconst entry = process.argv.splice(2, 1)[0];\nawait import(entry);\n");

function wall(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 24, env });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms, out: r.stdout, err: r.stderr };
}
const imp = wall(process.execPath, [bin, 'import', zip]);
if (!/rows from 1 file/.test(imp.out + imp.err)) throw new Error(`startup: import said ${imp.out}${imp.err}`);

const corr = ['corr', '--universe', 'majors', '--verbose'];
const variants = {
  bundle: () => wall(process.execPath, [launcher, pathToFileURL(bundle).href, ...corr]),
  modules: () => wall(process.execPath, [launcher, pathToFileURL(join(cliDist, 'main.js')).href, ...corr]),
  bin: () => wall(process.execPath, [bin, 'corr', '--universe', 'majors']),
  pandas: () => wall(PYTHON, [join(benchDir, 'peers', 'ecb_majors_corr.py'), zip, '--window', '250']),
};
const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, { ms: [], modules: [], cpu: [] }]));
let pandasOut = '';
let soukanOut = '';
for (let run = -1; run < RUNS; run++) {
  for (const [name, go] of Object.entries(variants)) {
    const r = go();
    if (run < 0) continue;
    const s = samples[name];
    s.ms.push(r.ms);
    const m = /start-up: Node [\d.]+ ms, modules ([\d.]+) ms \(CPU ([\d.]+) ms/.exec(r.err);
    if (m) {
      s.modules.push(Number(m[1]));
      s.cpu.push(Number(m[2]));
    }
    if (name === 'pandas') pandasOut = r.out;
    if (name === 'bin') soukanOut = r.out;
  }
}
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length === 0 ? NaN : (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};
for (const name of ['bundle', 'modules']) if (samples[name].modules.length !== RUNS) throw new Error(`startup: no start-up line from the ${name} runs`);
// The two print the same 28 × 28 matrix (×100, rounded): compare the numbers.
const nums = (s) => (s.match(/[+-]?\d+(?=\s|$)/gm) ?? []).map(Number);
const rowsOf = (out) => out.split('\n').filter((l) => /^[A-Z]{3}\/[A-Z]{3}\s/.test(l)).map((l) => nums(l.slice(7)));
const a = rowsOf(soukanOut);
const b = rowsOf(pandasOut);
const worst = a.length === 28 && b.length === 28 ? Math.max(...a.flatMap((r, i) => r.map((v, j) => Math.abs(v - b[i][j])))) : NaN;
const ver = spawnSync(PYTHON, ['-c', 'import pandas; print(pandas.__version__)'], { encoding: 'utf8' }).stdout.trim();
const pandasMs = median(samples.pandas.ms);
const m = (name, key) => median(samples[name][key]);
const rows = [
  row(`soukan corr --universe majors (store, 28 pairs, window 250): whole command, median of ${RUNS}`, m('bin', 'ms'), `python3 + pandas ${ver} script (same ECB file)`, pandasMs, {
    target: '≥ 2× pandas',
    met: pandasMs / m('bin', 'ms') >= 2,
    note: `Node start-up included; the two tables differ by at most ${worst} (×100, rounded)`,
  }),
  row(`module loading of soukan corr, per-command bundle: wall, median of ${RUNS}`, m('bundle', 'modules'), null, null, {
    target: '< 60 ms',
    met: m('bundle', 'modules') < 60,
    note: `CPU ${m('bundle', 'cpu').toFixed(1)} ms; from bin/soukan.js's first line to the command's action`,
  }),
  row(`module loading of soukan corr, compiled modules one by one: wall, median of ${RUNS}`, m('modules', 'modules'), null, null, {
    note: `CPU ${m('modules', 'cpu').toFixed(1)} ms; the bundle loads ${(m('modules', 'modules') / m('bundle', 'modules')).toFixed(1)}× faster`,
  }),
];
printRows('soukan corr start-up, fresh process per run', rows);
report('soukan corr --universe majors: start-up and whole command (issue 13)', rows, [
  `Node ${process.version}: no module.enableCompileCache() (Node ≥ 22.1), so no V8 code cache for ES modules; the bundle is the start-up path.`,
  `whole command: bundle ${m('bundle', 'ms').toFixed(0)} ms, compiled modules ${m('modules', 'ms').toFixed(0)} ms (median wall, --verbose runs)`,
]);
