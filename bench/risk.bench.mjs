// Risk benchmarks, with their NumPy/pandas peers in the same run.
//
//   node bench/risk.bench.mjs            (builds the packages first)
//
// 1. move: one pair (EUR/USD), a year of M1 bars (HistData 2017, 371,635 bars),
//    10-hour horizon, thresholds 10/20/30/50/80 pips — soukan's O(n) deque kernel
//    (moveProbability) vs
//      • pandas: Series.rolling('600min', closed='left').max()/min() on the reversed
//        series (pandas' own monotone-deque rolling extremes; the same time windows)
//      • NumPy: sliding_window_view(high[1:], 600).max(axis=1) — the vectorised way a
//        NumPy user writes it, O(n·H), for the 600-bar horizon
//    Target: < 1 s — for the kernel and for the whole `soukan move` command, which is
//    also timed end to end (process start, reading the zip, output) against a Python
//    process doing the same with pandas.
// 2. Monte Carlo VaR: 100,000 paths, 10 correlated positions, seeded, VaR/ES at 95/99 %
//    — soukan's monteCarloVaR (linear and full revaluation) vs NumPy
//    (default_rng.standard_normal @ Lᵀ, quantile). Target: < 1 s.
//
// Times are the median of several runs after a warm-up; ratios are peer / soukan
// (> 1 means soukan is faster).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build, root } from '../scripts/lib.mjs';

build();
const core = await import('../packages/core/dist/index.js');
const { histDataM1, sharedDataDir } = await import('./risk-data.mjs');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function time(fn, runs = 7) {
  fn();
  const t = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = fn();
    t.push(performance.now() - t0);
  }
  return { ms: median(t), out };
}
function peer(script, args) {
  const r = spawnSync('/usr/bin/python3', [join(root, 'bench', 'peers', script), ...args], {
    env: { ...process.env, SOUKAN_SHARED_DATA: sharedDataDir },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
const fmt = (ms) => (ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`);
const line = (label, ms, ratio) => console.log(`  ${label.padEnd(66)} ${fmt(ms).padStart(10)}${ratio === undefined ? '' : `   ${ratio}`}`);

// ---- 1. move ----
const m1 = await histDataM1('EURUSD');
const pips = [10, 20, 30, 50, 80];
const thresholds = pips.map((p) => p * 0.0001);
const D = 600 * 60_000;
console.log(`\nmove — EUR/USD M1 2017 (${m1.time.length} bars), horizon 10 h, thresholds ${pips.join('/')} pips`);
const tTime = time(() => core.moveProbability(m1, thresholds, { ms: D }));
const tBars = time(() => core.moveProbability(m1, thresholds, { bars: 600 }));
const py = peer('risk_move.py', ['EURUSD', String(D), '600', ...thresholds.map(String)]);
// same answers, or the comparison is meaningless
for (const [k, row] of tTime.out.entries()) {
  if (row.up.hits !== py.time.up[k] || row.down.hits !== py.time.down[k]) throw new Error(`time-horizon counts differ at ${pips[k]} pips`);
}
for (const [k, row] of tBars.out.entries()) {
  if (row.up.hits !== py.bars.up[k] || row.down.hits !== py.bars.down[k]) throw new Error(`bar-horizon counts differ at ${pips[k]} pips`);
}
const r1 = (peerMs, ms) => `×${(peerMs / ms).toFixed(1)} vs peer`;
line('soukan moveProbability, 600-minute time windows', tTime.ms);
line('pandas rolling("600min") on reversed series (same windows)', py.time.ms, r1(py.time.ms, tTime.ms));
line('soukan moveProbability, 600-bar windows', tBars.ms);
line('NumPy sliding_window_view(…, 600).max/min (same windows)', py.bars.ms, r1(py.bars.ms, tBars.ms));
console.log(`  kernel target < 1 s: ${Math.max(tTime.ms, tBars.ms) < 1000 ? 'met' : 'NOT met'}   (counts identical to the peers: yes)`);

// End to end: the whole command (start, read the 3.4 MB zip, resolve the pair, compute, print)
// against a Python process doing the same with pandas (read_csv, tz_localize, rolling).
const zip = join(sharedDataDir, 'histdata_m1_2017', 'HISTDATA_COM_ASCII_EURUSD_M1_2017.zip');
const cliArgs = [join(root, 'packages', 'cli', 'bin', 'soukan.js'), 'move', 'EUR/USD', '--data', zip, '--threshold', pips.join(','), '--horizon', '10h', '--format', 'json'];
const wall = (cmd, args, env) => {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return { ms: performance.now() - t0, out: r.stdout };
};
const e2e = [];
const e2ePy = [];
for (let i = 0; i < 5; i++) {
  e2e.push(wall(process.execPath, cliArgs, {}));
  e2ePy.push(wall('/usr/bin/python3', [join(root, 'bench', 'peers', 'risk_move.py'), '--e2e', 'EURUSD', String(D), '600', ...thresholds.map(String)], { SOUKAN_SHARED_DATA: sharedDataDir }));
}
const cliJson = JSON.parse(e2e[0].out);
const pyJson = JSON.parse(e2ePy[0].out);
cliJson.horizons[0].rows.forEach((row, k) => {
  if (row.up.hits !== pyJson.up[k] || row.down.hits !== pyJson.down[k]) throw new Error(`end-to-end counts differ at ${pips[k]} pips`);
});
const e2eMs = median(e2e.map((x) => x.ms));
const e2ePyMs = median(e2ePy.map((x) => x.ms));
line('soukan move, whole command (start, read zip, compute, print)', e2eMs);
line('python3 + pandas, whole script (read_csv zip, tz, rolling)', e2ePyMs, r1(e2ePyMs, e2eMs));
console.log(`  command target < 1 s: ${e2eMs < 1000 ? 'met' : 'NOT met'} (median of 5 runs)`);

// ---- 2. Monte Carlo VaR ----
const k = 10;
const paths = 100_000;
// A realistic 10×10 daily covariance: vols 0.4–0.9 %, correlations from a one-factor model.
const vol = Array.from({ length: k }, (_, i) => 0.004 + 0.0005 * i);
const load = Array.from({ length: k }, (_, i) => (i % 3 === 0 ? -0.6 : 0.7) + 0.02 * i);
const cov = new Float64Array(k * k);
for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) cov[i * k + j] = vol[i] * vol[j] * (i === j ? 1 : load[i] * load[j]);
const w = Float64Array.from({ length: k }, (_, i) => (i % 2 === 0 ? 1 : -0.5) * 100_000 * (1 + i / 10));
console.log(`\nMonte Carlo VaR — ${paths} paths, ${k} correlated positions, 95/99 %`);
const tLin = time(() => core.monteCarloVaR(cov, k, w, [0.95, 0.99], { paths, seed: 42 }), 5);
const tExp = time(() => core.monteCarloVaR(cov, k, w, [0.95, 0.99], { paths, seed: 42, revaluation: 'exp' }), 5);
const pm = peer('risk_mc.py', [String(paths), JSON.stringify(Array.from(cov)), JSON.stringify(Array.from(w))]);
const exact = core.portfolioNormalRisk(cov, k, w, [0.99]).measures[0].var;
line('soukan monteCarloVaR, linear P&L', tLin.ms);
line('soukan monteCarloVaR, full revaluation (expm1 per factor)', tExp.ms);
line('NumPy standard_normal @ Lᵀ, linear P&L, quantile', pm.linearMs, r1(pm.linearMs, tLin.ms));
line('NumPy … full revaluation', pm.expMs, r1(pm.expMs, tExp.ms));
console.log(`  99 % VaR: soukan ${tLin.out.measures[1].var.toFixed(0)}, NumPy ${pm.var99.toFixed(0)}, parametric ${exact.toFixed(0)}`);
console.log(`  target < 1 s: ${Math.max(tLin.ms, tExp.ms) < 1000 ? 'met' : 'NOT met'}`);
console.log(`\nnode ${process.version}, ${py.versions}`);
