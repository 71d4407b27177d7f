// Benchmark (issues 17 item 2 and 13): the compute dispatcher on the user's
// path, and every correlation-matrix row of issue 13's table against NumPy
// and pandas in the same run.
//
// 1. `soukan corr` on a 300-series CSV (2,500 daily rows, fresh process as a
//    user runs it): the dispatcher's choice vs the single-threaded
//    TypeScript path (SOUKAN_KERNEL=ts SOUKAN_THREADS=1), and a pandas script
//    doing the same (read, log returns, corr).
// 2. `GET /api/correlation` on the same file, uncached (each request a new
//    window), on a server with the dispatcher vs one forced to TypeScript.
// 3. Pearson r matrices, complete data: 100 × 2,500, 1,000 × 2,500,
//    3,000 × 2,500, 28 × 1,000,000, 28 × 10,000,000 (the size that broke the
//    WebAssembly path), and 1,000 × 2,500 with 5% missing: each engine in its
//    own process (peak memory is its own), same seeded data.
//
//   node bench/dispatcher.bench.mjs [--runs 5] [--skip-huge] [--user-path]
//
// --user-path runs parts 1 and 2 only (the commands users run).
/* global fetch */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchDir, factorData, numArg, PYTHON, printRows, report, root, row, serveSoukan, tempDir, writeF64 } from './lib/common.mjs';

const RUNS = numArg('runs', 5);
const skipHuge = process.argv.includes('--skip-huge');
const userPathOnly = process.argv.includes('--user-path');
const dir = tempDir();
const cli = join(root, 'packages', 'cli', 'bin', 'soukan.js');
const rows = [];
const notes = [];

// ---- a 300-series CSV: every pair of 25 currencies, 2,500 business days
const ccy = 'USD EUR JPY GBP AUD NZD CAD CHF SEK NOK DKK PLN CZK HUF TRY ZAR MXN BRL CNY HKD SGD KRW INR THB ILS'.split(' ');
const symbols = [];
for (let i = 0; i < ccy.length; i++) for (let j = i + 1; j < ccy.length; j++) symbols.push(`${ccy[i]}/${ccy[j]}`);
const csv = join(dir, 'wide300.csv');
{
  const n = 2500;
  const { columns } = factorData(symbols.length, n + 1, 7);
  const lines = [['date', ...symbols.map((s) => s.replace('/', ''))].join(',')];
  let d = Date.UTC(2010, 0, 4);
  const px = symbols.map(() => 1);
  for (let t = 0; t <= n; t++) {
    while ([0, 6].includes(new Date(d).getUTCDay())) d += 86400000;
    for (let j = 0; j < symbols.length; j++) px[j] *= Math.exp(columns[j][t]);
    lines.push([new Date(d).toISOString().slice(0, 10), ...px.map((v) => v.toPrecision(12))].join(','));
    d += 86400000;
  }
  writeFileSync(csv, lines.join('\n') + '\n');
}

/** Wall ms and peak RSS (MB, GNU time) of a fresh process. */
function timed(cmd, args, env = {}) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'PEAK_KB %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1', ...env } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}`);
  const peak = /PEAK_KB (\d+)/.exec(r.stderr);
  return { ms, peakMB: peak ? Math.round(Number(peak[1]) / 1024) : null, stderr: r.stderr };
}
function best(cmd, args, env) {
  timed(cmd, args, env); // file cache, compile caches
  let b = null;
  for (let i = 0; i < RUNS; i++) {
    const r = timed(cmd, args, env);
    if (b === null || r.ms < b.ms) b = r;
  }
  return b;
}

// ---- 1. soukan corr on the CSV
{
  const args = [cli, 'corr', '--data', csv, '--window', 'all', '--format', 'csv', '--verbose', ...symbols];
  const auto = best(process.execPath, args);
  const ts = best(process.execPath, args, { SOUKAN_KERNEL: 'ts', SOUKAN_THREADS: '1' });
  const pandas = best(PYTHON, [join(benchDir, 'peers', 'csv_corr.py'), csv]);
  const chose = /compute: (.+)/.exec(auto.stderr)?.[1] ?? '?';
  const tsLine = /compute: (.+)/.exec(ts.stderr)?.[1] ?? '?';
  rows.push(
    row(`soukan corr, 300-series CSV × 2,500 days, whole command: dispatcher`, auto.ms, 'same command, single-threaded TypeScript path', ts.ms, {
      peakMB: auto.peakMB,
      note: `dispatcher: ${chose}; TypeScript: ${tsLine}; TypeScript peak ${ts.peakMB} MB`,
    }),
    row(`soukan corr, 300-series CSV × 2,500 days, whole command: dispatcher`, auto.ms, 'python3 + pandas script (read_csv, log returns, corr)', pandas.ms, {
      peakMB: auto.peakMB,
      note: `pandas peak ${pandas.peakMB} MB; interpreter and node start-up included`,
    }),
  );
}

// ---- 2. GET /api/correlation, uncached
function server(env) {
  return serveSoukan(['--data', csv], env);
}
async function apiBest(env) {
  const s = await server(env);
  try {
    const q = (w) => `${s.url}api/correlation?symbols=${encodeURIComponent(symbols.join(','))}&window=${w}`;
    let w = 2000;
    await (await fetch(q(w++))).json(); // worker start, first compile
    let b = Infinity;
    let compute = null;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const res = await fetch(q(w++)); // a new window each time: never a cache hit
      const body = await res.json();
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`api: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      if (ms < b) b = ms;
      compute = body.compute;
    }
    return { ms: b, compute };
  } finally {
    s.stop();
  }
}
{
  const auto = await apiBest({});
  const ts = await apiBest({ SOUKAN_KERNEL: 'ts', SOUKAN_THREADS: '1' });
  rows.push(
    row('GET /api/correlation, 300 pairs × ~2,000 days, uncached: dispatcher', auto.ms, 'same request, single-threaded TypeScript path', ts.ms, {
      note: `dispatcher: ${JSON.stringify(auto.compute)}; forced: ${JSON.stringify(ts.compute)}`,
    }),
  );
}

// ---- 3. matrices, each engine in its own process
function child(file, k, n, reps) {
  const r = spawnSync(process.execPath, [join(benchDir, 'lib', 'matrixChild.mjs'), file, k, n, reps], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`matrixChild ${k}×${n}: ${r.stderr.slice(-800)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}
function py(file, k, n, reps, engine) {
  const r = spawnSync(PYTHON, [join(benchDir, 'peers', 'matrix_peak.py'), file, k, n, reps, engine], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`matrix_peak ${engine} ${k}×${n}: ${r.stderr.slice(-800)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}
const sizes = [
  [100, 2500, 0, 5, 3],
  [1000, 2500, 0, 5, 1],
  [3000, 2500, 0, 3, 1],
  [28, 1_000_000, 0, 3, 1],
  [1000, 2500, 0.05, 3, 1],
];
if (!skipHuge) sizes.push([28, 10_000_000, 0, 2, 1]);
for (const [k, n, miss, reps, pdReps] of userPathOnly ? [] : sizes) {
  const file = join(dir, `m${k}x${n}.f64`);
  {
    const { data } = factorData(k, n, 20240611 + k, miss);
    writeF64(file, data);
  }
  const s = child(file, k, n, reps);
  const title = `Pearson ${k.toLocaleString('en-US')} × ${n.toLocaleString('en-US')}${miss ? ', 5% missing' : ''}: r (${s.kernel}${s.blas ? `, ${s.blas}` : ''}, ${s.threads} thread(s))`;
  const share = (s.ms.plan + s.ms.prep + s.ms.cells) / (s.ms.plan + s.ms.prep + s.ms.products + s.ms.cells);
  const phase = `plan ${s.ms.plan.toFixed(0)} / prep ${s.ms.prep.toFixed(0)} / products ${s.ms.products.toFixed(0)} / cells ${s.ms.cells.toFixed(0)} ms (non-kernel ${(share * 100).toFixed(0)}%)`;
  if (!miss) {
    const np = py(file, k, n, reps, 'numpy');
    rows.push(row(title, s.best, `numpy ${np.numpy} corrcoef`, np.s * 1000, { target: '≥ 1.0×', met: np.s * 1000 >= s.best, peakMB: s.peakMB, note: `NumPy peak ${np.peakMB} MB; ${phase}` }));
  }
  const pd = py(file, k, n, pdReps, 'pandas');
  rows.push(
    row(title, s.best, `pandas ${pd.pandas} DataFrame.corr()`, pd.s * 1000, {
      target: miss ? '≥ 20×' : undefined,
      met: miss ? (pd.s * 1000) / s.best >= 20 : undefined,
      peakMB: s.peakMB,
      note: `pandas peak ${pd.peakMB} MB${miss ? `; ${phase}` : ''}`,
    }),
  );
}

notes.push(`load average at the end: ${(await import('node:os')).loadavg().map((v) => v.toFixed(1)).join(' / ')}`);
printRows('compute dispatcher', rows);
report('Compute dispatcher: the user path and issue 13 matrices, NumPy and pandas in the same run', rows, notes);
