// Live pipeline throughput (issue 16): the eight 2017 HistData M1 files
// replayed as quotes (each bar one quote, bid = ask = close; 2.96 M quotes)
// at full speed through the LivePipeline `soukan serve --live` runs — the
// TickGate checks, the TickRecorder appends to the tick tables (a fresh
// DuckDB file through DuckDB's appender, batches of 262,144, one written
// while the next is collected),
// four LiveMatrix (all bars and the Tokyo, London, New York sessions:
// rolling 1,440 and EWM correlation of the 28 pairs, volatility), currency
// strength and the five default alert rules — on one JS thread. Peers in the
// same run: the same rows written by DuckDB alone (the recorder with no gate
// and no analytics: the store's own ceiling), and
// the per-bar cost of recomputing the window's 28 correlations with core's
// batch kernel against the pipeline's incremental update.
//
// The machine is shared: besides wall-clock quotes/s each run reports quotes
// per CPU second of this process (user + system time of all its threads,
// DuckDB's included — what the run costs on one core whatever the load) and
// the load average over the run.
//
//   npm run build && nice -n 10 node bench/live.bench.mjs
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dist, printRows, report, tempDir } from './lib/common.mjs';

const core = await dist('core');
const data = await dist('data');
const sharedDir = process.env.SOUKAN_SHARED_DATA ?? join(process.cwd(), '..', 'shared', 'data');
const PAIRS = ['EURUSD', 'USDJPY', 'GBPUSD', 'AUDUSD', 'NZDUSD', 'USDCAD', 'USDCHF', 'EURJPY'];
const RULES = [
  { kind: 'breakdown-band', id: 'aud-nzd-band', pair: ['AUD/USD', 'NZD/USD'], k: 4, history: 7200 },
  { kind: 'breakdown-fisher', id: 'eur-gbp-fisher', pair: ['EUR/USD', 'GBP/USD'], window: 1440, alpha: 1e-12 },
  { kind: 'divergence', id: 'eur-chf-div', pair: ['EUR/USD', 'USD/CHF'], minRho: 0.8, horizon: 60, z: 5 },
  { kind: 'vol-spike', id: 'gbp-vol', symbol: 'GBP/USD', short: 15, ratio: 5 },
  { kind: 'move', id: 'eur-60', symbol: 'EUR/USD', pips: 60, horizonMs: 3_600_000 },
];
const W = 1440;
const ds = await data.readDataset(PAIRS.map((p) => join(sharedDir, 'histdata_m1_2017', `HISTDATA_COM_ASCII_${p}_M1_2017.zip`)));
const series = ds.series.map((s) => ({ symbol: s.symbol, time: s.time, bid: s.close, ask: s.close }));
const symbols = series.map((s) => s.symbol);
const total = series.reduce((a, s) => a + s.time.length, 0);

/** CPU time of this process since `c0` (every thread), ms. */
const cpuMs = (c0) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

async function run(withStore) {
  const dir = tempDir();
  const store = withStore ? await data.TickStore.open(join(dir, 'live.duckdb')) : null;
  const p = new data.LivePipeline(store, { feed: 'replay', symbols, window: W, rules: RULES, speed: null, maxJumpMs: 7 * 86_400_000 });
  let bars = 0;
  let alerts = 0;
  p.on((e) => (e.type === 'bar' ? bars++ : alerts++));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for await (const batch of data.replayBatches(series)) {
    for (const q of batch) {
      const w = p.take(q);
      if (w) await w;
    }
  }
  await p.finish();
  const ms = performance.now() - t0;
  const cpu = cpuMs(c0);
  const load = loadavg()[0];
  const rows = store ? (await store.list()).reduce((a, s) => a + s.rows, 0) : 0;
  await store?.close();
  return { ms, cpu, load, bars, alerts, accepted: p.stats.accepted, rows };
}

// The store's ceiling: the same rows through the recorder's batches with no gate and no analytics.
async function storeOnly() {
  const dir = tempDir();
  const store = await data.TickStore.open(join(dir, 'peer.duckdb'));
  const rec = new data.TickRecorder(store, 'replay');
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for await (const batch of data.replayBatches(series)) {
    for (const q of batch) {
      const w = rec.add(q);
      if (w) await w;
    }
  }
  await rec.flush();
  const ms = performance.now() - t0;
  const cpu = cpuMs(c0);
  await store.close();
  return { ms, cpu, rows: rec.written };
}

const analyticsOnly = await run(false);
const full = await run(true);
const peerStore = await storeOnly();

// Per bar: the pipeline's incremental cost (analytics-only run / bars) vs recomputing the window's 28 ρ.
const win = symbols.map(() => new Float64Array(W));
const r = core.frameReturns(core.alignSeries(ds.series, { kind: 'inner' }).frame);
const SAMPLES = 500;
const t1 = performance.now();
for (let s = 0; s < SAMPLES; s++) {
  const t = W + Math.floor(((r.time.length - W - 1) * s) / SAMPLES);
  for (let i = 0; i < symbols.length; i++) win[i].set(r.columns[i].subarray(t - W, t));
  core.correlationMatrix(win, { significance: false });
}
const recomputeUs = ((performance.now() - t1) * 1000) / SAMPLES;
const state = new core.RollingCorrelationState(symbols.length, W);
const row8 = new Float64Array(symbols.length);
const out = new Float64Array(28);
const t2 = performance.now();
for (let t = 0; t < r.time.length; t++) {
  for (let i = 0; i < symbols.length; i++) row8[i] = r.columns[i][t];
  state.push(row8);
  state.correlations(out);
}
const updateUs = ((performance.now() - t2) * 1000) / r.time.length;

const peakMB = Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024);
const rate = (x) => Math.round(x.accepted / (x.ms / 1000));
const cpuRate = (x) => Math.round(x.accepted / (x.cpu / 1000));
const fmt = (n) => n.toLocaleString('en-US');
const rows = [
  {
    name: `replay → LivePipeline: gate → store + 4 matrices, strength, 5 alert rules (${fmt(total)} quotes, ${fmt(full.bars)} bars)`,
    soukanMs: Math.round(full.ms),
    peerName: 'DuckDB alone: the same rows appended, no gate, no analytics',
    peerMs: Math.round(peerStore.ms),
    ratio: Math.round((peerStore.ms / full.ms) * 100) / 100,
    target: '≥ 200,000 quotes/s',
    met: cpuRate(full) >= 200_000,
    peakMB,
    note: `${fmt(rate(full))} quotes/s (${fmt(cpuRate(full))} per CPU second, load average ${full.load.toFixed(1)}); ${fmt(full.rows)} rows stored; ${full.alerts} alerts; DuckDB alone ${fmt(Math.round(peerStore.rows / (peerStore.ms / 1000)))} rows/s (${fmt(Math.round(peerStore.rows / (peerStore.cpu / 1000)))} per CPU second)`,
  },
  {
    name: 'replay → LivePipeline without the store (analytics only)',
    soukanMs: Math.round(analyticsOnly.ms),
    peerName: null,
    peerMs: null,
    ratio: null,
    note: `${fmt(rate(analyticsOnly))} quotes/s (${fmt(cpuRate(analyticsOnly))} per CPU second, load average ${analyticsOnly.load.toFixed(1)})`,
  },
  {
    name: `one bar: incremental update of the 28 rolling ρ (window ${W}) vs recomputing the window`,
    soukanMs: Math.round(updateUs) / 1000,
    peerName: 'core correlationMatrix of the last window',
    peerMs: Math.round(recomputeUs) / 1000,
    ratio: Math.round(recomputeUs / updateUs),
    target: '≥ 100×',
    met: recomputeUs / updateUs >= 100,
    note: `${updateUs.toFixed(2)} µs vs ${recomputeUs.toFixed(0)} µs`,
  },
];
printRows('Live pipeline throughput (one JS thread; DuckDB writes on its own threads)', rows);
report('Live feed path: quotes per second into the store and the incremental analytics (issue 16)', rows, ['Peak memory: VmHWM of this process (input series, DuckDB and all runs included).']);
