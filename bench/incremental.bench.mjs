// Incremental analytics (issue 16): the cost of one update of all 28 pairs'
// rolling correlation (window 1,440 minutes) when a new bar arrives, against
// recomputing the window — with our own batch kernel (core correlationMatrix
// over the last 1,440 rows) and with the peers (numpy.corrcoef and
// pandas DataFrame.corr() of the same slice, bench/peers/incremental_recompute.py).
// Data: the eight 2017 HistData M1 files, closes inner-joined by minute, log
// returns (355,856 rows × 8 series).
//
//   npm run build && node bench/incremental.bench.mjs
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compare, dist, peer, printRows, report, row, tempDir, writeF64 } from './lib/common.mjs';

const core = await dist('core');
const data = await dist('data');
const sharedDir = process.env.SOUKAN_SHARED_DATA ?? join(process.cwd(), '..', 'shared', 'data');
const PAIRS = ['EURUSD', 'USDJPY', 'GBPUSD', 'AUDUSD', 'NZDUSD', 'USDCAD', 'USDCHF', 'EURJPY'];
const W = 1440;

const ds = await data.readDataset(PAIRS.map((p) => join(sharedDir, 'histdata_m1_2017', `HISTDATA_COM_ASCII_${p}_M1_2017.zip`)));
const prices = core.alignSeries(ds.series, { kind: 'inner' }).frame;
const rets = core.frameReturns(prices);
const k = rets.columns.length;
const T = rets.time.length;

// Incremental: push every row and read all 28 correlations after each push (best of 3 passes).
const row8 = new Float64Array(k);
const out = new Float64Array((k * (k - 1)) / 2);
let incMs = Infinity;
let state;
for (let rep = 0; rep < 3; rep++) {
  state = new core.RollingCorrelationState(k, W);
  const t0 = performance.now();
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < k; i++) row8[i] = rets.columns[i][t];
    state.push(row8);
    state.correlations(out);
  }
  incMs = Math.min(incMs, performance.now() - t0);
}
const perUpdateUs = (incMs * 1000) / T;

// Batch recomputation of the last window with our own kernel, at evenly spaced rows.
const SAMPLES = 2000;
const win = rets.columns.map(() => new Float64Array(W));
let batchMs = Infinity;
let lastBatch;
for (let rep = 0; rep < 3; rep++) {
  const t0 = performance.now();
  for (let s = 0; s < SAMPLES; s++) {
    const t = W - 1 + Math.floor(((T - W) * s) / (SAMPLES - 1));
    for (let i = 0; i < k; i++) win[i].set(rets.columns[i].subarray(t - W + 1, t + 1));
    lastBatch = core.correlationMatrix(win, { significance: false });
  }
  batchMs = Math.min(batchMs, performance.now() - t0);
}
const batchUs = (batchMs * 1000) / SAMPLES;

const dir = tempDir();
const mat = new Float64Array(T * k);
for (let t = 0; t < T; t++) for (let i = 0; i < k; i++) mat[t * k + i] = rets.columns[i][t];
writeF64(join(dir, 'r.f64'), mat);
const p = peer('incremental_recompute.py', [join(dir, 'r.f64'), k, W, 500]);
const { max } = compare(out, Float64Array.from(p.last));

// row() rounds to 0.1 ms; an update takes microseconds: keep 4 decimals.
const fine = (r, peerMs) => ({ ...r, soukanMs: Math.round(perUpdateUs * 10) / 10000, peerMs: Math.round(peerMs * 1e4) / 1e4 });
const rows = [
  row(`rolling ρ, 28 pairs, window ${W}: one incremental update (push + read)`, perUpdateUs / 1000, 'core correlationMatrix of the last window (recompute)', batchUs / 1000, {
    target: '≥ 100×',
    met: batchUs / perUpdateUs >= 100,
    note: `${perUpdateUs.toFixed(2)} µs per update over ${T.toLocaleString('en-US')} rows; recompute ${batchUs.toFixed(1)} µs`,
  }),
  row('same update vs numpy.corrcoef of the window', perUpdateUs / 1000, `numpy ${p.numpy} corrcoef (recompute)`, p.numpyMs, { note: `max |Δ| vs numpy at the last row ${max.toExponential(1)}` }),
  row('same update vs pandas DataFrame.corr() of the window', perUpdateUs / 1000, `pandas ${p.pandas} DataFrame.corr() (recompute)`, p.pandasMs),
].map((r, i) => fine(r, [batchUs / 1000, p.numpyMs, p.pandasMs][i]));
printRows('Incremental rolling correlation: per-update cost (ms; ratio = recompute / update)', rows);
report('Incremental analytics: per-update cost vs recomputing the window (issue 16)', rows, [
  `Times are per update: incremental = best of 3 passes over all ${T} rows divided by rows; recompute = best of 3 over ${SAMPLES} evenly spaced windows (peers: 500 windows, once).`,
]);
void lastBatch;
