// Benchmark (not a test): an uncached 28×28 correlation matrix from the store
// through the HTTP API — `GET /api/correlation?universe=majors` on the eight
// 2017 HistData M1 zips (2,958,833 rows; the 28 majors are 7 stored pairs and
// 21 crosses of them), each request a new window so that no response cache
// answers it. Build first:
//
//   npx tsc -b packages/cli && nice node bench/api.bench.mjs [--requests 60] [--store PATH]
//
// Per timeframe (D1, H1): median and p99 of the request's wall time seen by
// the client, after one warm-up request (worker start-up). Peer in the same
// run: the same matrices in-process — the store's moments query and the
// matrix from them (what a request does minus HTTP, validation and the
// worker hop), and reading the 28 series' closes alone (the bars a matrix
// from bars would read). Writes bench/results/api.json.
/* global fetch */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serveSoukan } from './lib/common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const data = await import(pathToFileURL(join(root, 'packages', 'data', 'dist', 'index.js')).href);

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const REQUESTS = Number(opt('requests', 60));
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const shared = process.env.SOUKAN_SHARED_DATA ?? join(root, '..', 'shared', 'data');
const PAIRS = ['EURUSD', 'USDJPY', 'GBPUSD', 'AUDUSD', 'NZDUSD', 'USDCAD', 'USDCHF', 'EURJPY'];
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}; load average ${load()}`);

const dir = mkdtempSync(join(tmpdir(), 'soukan-bench-api-'));
let store = opt('store');
if (!store) {
  store = join(dir, 'store.duckdb');
  const s = await data.Store.open(store);
  const t0 = performance.now();
  await s.importFiles(PAIRS.map((p) => join(shared, 'histdata_m1_2017', `HISTDATA_COM_ASCII_${p}_M1_2017.zip`)));
  await s.close();
  console.log(`store: the eight 2017 HistData zips imported in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

const server = await serveSoukan(['--store', store]);
const results = { when: new Date().toISOString(), cores: cpus().length, loadStart: load(), requests: REQUESTS, timeframes: [] };
try {
  for (const [timeframe, first] of [
    ['D1', 100],
    ['H1', 2000],
  ]) {
    const q = (w) => `${server.url}api/correlation?universe=majors&source=HistData&timeframe=${timeframe}&window=${w}`;
    let w = first;
    const warm = await fetch(q(w++));
    if (warm.status !== 200) throw new Error(`api: ${warm.status} ${(await warm.text()).slice(0, 300)}`);
    await warm.json();
    const ms = [];
    let body;
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now();
      const res = await fetch(q(w++)); // a new window each time: never a cache hit
      body = await res.json();
      ms.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`api: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    }
    // Peer: the same work in-process, without HTTP and the worker.
    const s = await data.Store.open(store, { readOnly: true });
    const peerMoments = [];
    const peerCloses = [];
    try {
      const query = data.StoreQuery.over(s);
      const market = await query.market('HistData');
      const symbols = body.symbols;
      for (let i = 0; i < Math.min(REQUESTS, 20); i++) {
        let t0 = performance.now();
        await data.answer(query, new data.QueryMarket(market), (m) => data.correlationQuery(m, { universe: 'majors', timeframe, window: first + i }));
        peerMoments.push(performance.now() - t0);
        t0 = performance.now();
        await s.closes('HistData', symbols, timeframe);
        peerCloses.push(performance.now() - t0);
      }
    } finally {
      await s.close();
    }
    const r = {
      timeframe,
      k: body.symbols.length,
      kernel: body.compute.kernel,
      medianMs: quantile(ms, 0.5),
      p99Ms: quantile(ms, 0.99),
      inProcessMedianMs: quantile(peerMoments, 0.5),
      closesMedianMs: quantile(peerCloses, 0.5),
    };
    results.timeframes.push(r);
    console.log(JSON.stringify(r));
  }
} finally {
  server.stop();
}
results.loadEnd = load();
const lines = [
  '| timeframe | pairs | API median | API p99 | in-process (moments + matrix) | reading the 28 closes alone | computed by |',
  '|---|--:|--:|--:|--:|--:|---|',
  ...results.timeframes.map((r) => `| ${r.timeframe} | ${r.k}×${r.k} | ${r.medianMs.toFixed(0)} ms | ${r.p99Ms.toFixed(0)} ms | ${r.inProcessMedianMs.toFixed(0)} ms | ${r.closesMedianMs.toFixed(0)} ms | ${r.kernel} |`),
];
console.log(`\n${REQUESTS} uncached requests per timeframe; load ${results.loadStart} → ${results.loadEnd}\n${lines.join('\n')}`);
console.log(
  `BENCH_RESULT ${JSON.stringify({
    title: 'Uncached 28×28 GET /api/correlation from the store (issue 11)',
    rows: results.timeframes.map((r) => ({ name: `API ${r.timeframe} 28×28, median of ${REQUESTS}`, soukanMs: r.medianMs, peerName: 'reading the 28 closes from the store in-process', peerMs: r.closesMedianMs, ratio: r.closesMedianMs / r.medianMs, p99Ms: r.p99Ms })),
    notes: [`load ${results.loadStart} → ${results.loadEnd}`],
  })}`,
);
writeFileSync(join(here, 'results', 'api.json'), JSON.stringify(results, null, 2) + '\n');
rmSync(dir, { recursive: true, force: true });
