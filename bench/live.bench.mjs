// Live pipeline throughput (issue 16): the eight 2017 HistData M1 files
// replayed as quotes (each bar one quote, bid = ask = close; 2.96 M quotes)
// at full speed through the feed path a live source uses — TickGate checks,
// TickRecorder appends to the store's tick tables (a fresh DuckDB file,
// batches of 65,536 in one transaction each), and the LiveMatrix (M1 bars,
// rolling 1,440 and EWM correlation of the 28 pairs, volatility) — on the
// JS thread. Reports quotes per second and the process's peak memory.
//
//   npm run build && node bench/live.bench.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dist, printRows, report, tempDir } from './lib/common.mjs';

const data = await dist('data');
const sharedDir = process.env.SOUKAN_SHARED_DATA ?? join(process.cwd(), '..', 'shared', 'data');
const PAIRS = ['EURUSD', 'USDJPY', 'GBPUSD', 'AUDUSD', 'NZDUSD', 'USDCAD', 'USDCHF', 'EURJPY'];
const ds = await data.readDataset(PAIRS.map((p) => join(sharedDir, 'histdata_m1_2017', `HISTDATA_COM_ASCII_${p}_M1_2017.zip`)));
const series = ds.series.map((s) => ({ symbol: s.symbol, time: s.time, bid: s.close, ask: s.close }));
const symbols = series.map((s) => s.symbol);
const total = series.reduce((a, s) => a + s.time.length, 0);

async function run(withStore) {
  const dir = tempDir();
  const store = withStore ? await data.TickStore.open(join(dir, 'live.duckdb')) : null;
  const stats = data.newFeedStats();
  const gate = new data.TickGate(stats, { symbols, maxJumpMs: 7 * 86_400_000 });
  const rec = store ? new data.TickRecorder(store, 'replay') : null;
  const matrix = new data.LiveMatrix(symbols, { window: 1440, minPeriods: 1000 });
  let updates = 0;
  matrix.onUpdate(() => updates++);
  const t0 = performance.now();
  for await (const batch of data.replayBatches(series)) {
    for (const q of batch) {
      if (!gate.accept(q)) continue;
      if (rec) {
        const w = rec.add(q);
        if (w) await w;
      }
      matrix.push(q);
    }
  }
  matrix.flush();
  if (rec) await rec.flush();
  const ms = performance.now() - t0;
  const rows = store ? (await store.list()).reduce((a, s) => a + s.rows, 0) : 0;
  await store?.close();
  return { ms, updates, accepted: stats.accepted, rows };
}

const analyticsOnly = await run(false);
const full = await run(true);
const peakMB = Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024);
const rate = (r) => Math.round(r.accepted / (r.ms / 1000));
const rows = [
  { name: `replay → gate → store + live matrix (${total.toLocaleString('en-US')} quotes, ${full.updates.toLocaleString('en-US')} bars)`, soukanMs: Math.round(full.ms), peerName: null, peerMs: null, ratio: null, target: '≥ 200,000 quotes/s', met: rate(full) >= 200_000, peakMB, note: `${rate(full).toLocaleString('en-US')} quotes/s; ${full.rows.toLocaleString('en-US')} rows stored` },
  { name: 'replay → gate → live matrix (no store)', soukanMs: Math.round(analyticsOnly.ms), peerName: null, peerMs: null, ratio: null, note: `${rate(analyticsOnly).toLocaleString('en-US')} quotes/s` },
];
printRows('Live pipeline throughput (one JS thread; DuckDB writes on its own threads)', rows);
report('Live feed path: quotes per second into the store and the incremental analytics (issue 16)', rows, ['Peak memory: VmHWM of this process (input series, DuckDB and both runs included).']);
