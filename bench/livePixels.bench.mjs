// Tick → pixels on the dashboard (issue 16: median < 100 ms on 127.0.0.1),
// measured in the browser. `soukan serve --live push` (rolling window 30
// bars) with the dashboard open in Chromium (Debian's /usr/bin/chromium via
// playwright-core); the page itself POSTs the next minute's ticks of the
// eight 2017 HistData pairs (their real M1 closes, 15 Mar 2017 from 10:00
// UTC; bid = close, ask = close + 1 pip) to /api/ticks. The first tick of a
// minute closes the previous bar, the server sends `event: matrix`, the page
// redraws the heatmap, and after the canvas is drawn the next animation frame
// marks `soukan:live-painted`. Measured per bar in the page's clock:
//
//   tick → pixels   POST sent → `soukan:live-painted`
//   tick → event    POST sent → the `matrix` event handled (`soukan:live-matrix`)
//   event → pixels  the event → painted
//   peer            one GET /api/live/state round trip from the same page,
//                   after each bar (what a page polling for the state pays
//                   per poll before drawing anything)
//
//   npm run build && nice -n 10 node bench/livePixels.bench.mjs [--bars 200] [--gap 40]
/* global performance, fetch, PerformanceObserver -- the page's globals inside page.evaluate */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { dist, numArg, printRows, report, root, row, tempDir } from './lib/common.mjs';
import { sharedDataDir } from '../scripts/lib.mjs';

const BARS = numArg('bars', 200);
const GAP = numArg('gap', 40);
const WINDOW = 30;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PAIRS = ['EURUSD', 'USDJPY', 'GBPUSD', 'AUDUSD', 'NZDUSD', 'USDCAD', 'USDCHF', 'EURJPY'];
const shared = sharedDataDir();

const data = await dist('data');
const ds = await data.readDataset(PAIRS.map((p) => join(shared, 'histdata_m1_2017', `HISTDATA_COM_ASCII_${p}_M1_2017.zip`)));
const START = Date.UTC(2017, 2, 15, 10);
// One body per minute: each pair's close of that minute as a tick 1 s into it.
const minutes = [];
for (let m = START; minutes.length < WINDOW + 1 + BARS; m += 60_000) {
  const lines = [];
  for (const s of ds.series) {
    let lo = 0;
    let hi = s.time.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s.time[mid] < m) lo = mid + 1;
      else hi = mid;
    }
    if (s.time[lo] !== m) continue;
    const pip = s.symbol.endsWith('JPY') ? 0.01 : 0.0001;
    lines.push(JSON.stringify({ symbol: s.symbol, time: new Date(m + 1000).toISOString(), bid: s.close[lo], ask: s.close[lo] + pip }));
  }
  if (lines.length === PAIRS.length) minutes.push(lines.join('\n'));
}

const dir = tempDir();
const server = await new Promise((resolve, reject) => {
  const proc = spawn(process.execPath, [join(root, 'packages/cli/bin/soukan.js'), 'serve', '--port', '0', '--store', join(dir, 'soukan.duckdb'), '--live', 'push', '--window', String(WINDOW)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SOUKAN_ECB_FILE: join(shared, 'eurofxref-hist.zip') },
  });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => (err += d));
  proc.stdout.on('data', (d) => {
    out += d;
    const m = /dashboard at (http:\S+)/.exec(out);
    if (m) resolve({ proc, url: m[1] });
  });
  proc.on('exit', (c) => reject(new Error(`soukan serve exited ${c}: ${err}`)));
});

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: FLAGS });
let samples;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.url);
  await page.waitForSelector('[data-testid="live-status"][data-state="live"]', { timeout: 30_000 });
  // Warm the window (one request), then wait for its bars to be drawn.
  await page.evaluate(async (body) => {
    const r = await fetch('/api/ticks', { method: 'POST', headers: { 'Content-Type': 'application/x-ndjson' }, body });
    if (!r.ok) throw new Error(`POST /api/ticks: HTTP ${r.status} ${await r.text()}`);
  }, minutes.slice(0, WINDOW + 1).join('\n'));
  await page.waitForSelector('[data-testid="live-matrix-host"][data-live-time]', { timeout: 30_000 });
  samples = await page.evaluate(
    async ({ bodies, gap }) => {
      const after = (name, t0, timeout) =>
        new Promise((resolve, reject) => {
          const find = () => performance.getEntriesByName(name).find((e) => e.startTime > t0)?.startTime;
          const hit = find();
          if (hit !== undefined) return resolve(hit);
          const obs = new PerformanceObserver(() => {
            const t = find();
            if (t === undefined) return;
            obs.disconnect();
            resolve(t);
          });
          obs.observe({ type: 'mark' });
          setTimeout(() => {
            obs.disconnect();
            reject(new Error(`no ${name} within ${timeout} ms`));
          }, timeout);
        });
      const out = [];
      for (const body of bodies) {
        const t0 = performance.now();
        const painted = after('soukan:live-painted', t0, 10_000);
        const r = await fetch('/api/ticks', { method: 'POST', headers: { 'Content-Type': 'application/x-ndjson' }, body });
        if (!r.ok) throw new Error(`POST /api/ticks: HTTP ${r.status}`);
        const tp = await painted;
        const te = await after('soukan:live-matrix', t0, 1);
        const g0 = performance.now();
        await (await fetch('/api/live/state')).json();
        const poll = performance.now() - g0;
        out.push({ total: tp - t0, event: te - t0, draw: tp - te, poll });
        await new Promise((res) => setTimeout(res, gap));
      }
      return out;
    },
    { bodies: minutes.slice(WINDOW + 1), gap: GAP },
  );
} finally {
  await browser.close();
  server.proc.kill('SIGTERM');
}

const q = (a, p) => {
  const s = [...a].sort((x, y) => x - y);
  const i = (s.length - 1) * p;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
};
const col = (k) => samples.map((s) => s[k]);
const med = q(col('total'), 0.5);
const pollMed = q(col('poll'), 0.5);
const rows = [
  row(`tick → pixels, median of ${samples.length} bars (8 pairs, 28 cells)`, med, 'GET /api/live/state round trip (median)', pollMed, { target: '< 100 ms', met: med < 100, note: `p95 ${q(col('total'), 0.95).toFixed(1)} ms, max ${Math.max(...col('total')).toFixed(1)} ms` }),
  row('tick → pixels, p95', q(col('total'), 0.95), null, null),
  row('tick → matrix event in the page, median', q(col('event'), 0.5), null, null, { note: `p95 ${q(col('event'), 0.95).toFixed(1)} ms` }),
  row('matrix event → painted, median', q(col('draw'), 0.5), null, null, { note: `p95 ${q(col('draw'), 0.95).toFixed(1)} ms` }),
];
printRows('Tick → pixels on the dashboard (Chromium, 127.0.0.1)', rows);
report('Tick → pixels on the live dashboard (issue 16)', rows, [`soukan serve --live push --window ${WINDOW}; ${samples.length} bars pushed one at a time from the page, ${GAP} ms apart; real 2017 HistData closes of ${PAIRS.length} pairs`]);
