// Benchmark (not a test) of the dashboard and the API, on the ECB history.
// Build first (npm run build), then:
//
//   node bench/web.bench.mjs [--runs 7] [--duration 60] [--connections 64]
//
// 1. In Chromium (Debian's /usr/bin/chromium via playwright-core): from
//    navigation to the rendered 28 × 28 heatmap (the page marks
//    `soukan:matrix-rendered` when ECharts has finished drawing), in a fresh
//    browser profile each run; the first run meets a cold server.
// 2. Re-render after changing the window or the method (mark
//    `soukan:change` at the input → next `soukan:matrix-rendered`), first
//    uncached (the server computes), then cached.
// 3. autocannon: GET of the cached 28 × 28 matrix, 64 connections, 60 s:
//    requests/s, latency percentiles, errors, and the server's resident
//    memory sampled every second. The peer: CPython's ThreadingHTTPServer
//    serving the same bytes (bench/peers/web_static_server.py), same load.
/* global performance, fetch, setInterval, clearInterval -- Node 20 globals, and the page's performance inside page.evaluate */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { chromium } from 'playwright-core';
import { sharedDataDir } from '../scripts/lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const RUNS = opt('runs', 7);
const DURATION = opt('duration', 60);
const CONNECTIONS = opt('connections', 64);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ECB = join(sharedDataDir(), 'eurofxref-hist.zip');

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (v) => `${v.toFixed(0)} ms`;

function startServer() {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [join(root, 'packages/cli/bin/soukan.js'), 'serve', '--port', '0', '--data', ECB], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /dashboard at (http:\S+)/.exec(out);
      if (m) resolve({ proc, url: m[1] });
    });
    proc.on('exit', (c) => reject(new Error(`soukan serve exited ${c}`)));
  });
}

function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function browserProfile() {
  const profile = mkdtempSync(join(tmpdir(), 'soukan-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: FLAGS, viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  return { context, page: context.pages()[0] ?? (await context.newPage()), close: async () => (await context.close(), rmSync(profile, { recursive: true, force: true })) };
}

/** ms from navigation start to the page's matrix-rendered mark (first one). */
async function navigationToHeatmap(url) {
  const b = await browserProfile();
  try {
    await b.page.goto(url);
    await b.page.waitForFunction(() => performance.getEntriesByName('soukan:matrix-rendered').length > 0, null, { timeout: 30_000 });
    return await b.page.evaluate(() => performance.getEntriesByName('soukan:matrix-rendered')[0].startTime);
  } finally {
    await b.close();
  }
}

/** Changes a control and measures change → rendered. */
async function reRender(page, act) {
  const before = await page.evaluate(() => performance.getEntriesByName('soukan:matrix-rendered').length);
  await act();
  await page.waitForFunction((n) => performance.getEntriesByName('soukan:matrix-rendered').length > n, before, { timeout: 30_000 });
  return page.evaluate(() => {
    const c = performance.getEntriesByName('soukan:change').at(-1);
    const r = performance.getEntriesByName('soukan:matrix-rendered').at(-1);
    return r.startTime - c.startTime;
  });
}

async function load(url, pid) {
  const samples = [];
  const timer = pid ? setInterval(() => samples.push(rssMb(pid)), 1000) : undefined;
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, pipelining: 1 });
  if (timer) clearInterval(timer);
  return { r, samples };
}

console.log(`soukan web bench · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version}`);
const server = await startServer();
try {
  // 1. Navigation → heatmap.
  const nav = [];
  for (let i = 0; i < RUNS; i++) nav.push(await navigationToHeatmap(server.url));
  console.log(`\nnavigation → rendered 28×28 heatmap (fresh profile each run, 1280×800): first (cold server) ${ms(nav[0])}, median of the rest ${ms(median(nav.slice(1)))}, max ${ms(Math.max(...nav.slice(1)))}  [target < 1,000 ms]`);

  // 2. Re-render on window / method change.
  const b = await browserProfile();
  const cold = [];
  const warm = [];
  try {
    await b.page.goto(server.url);
    await b.page.waitForFunction(() => performance.getEntriesByName('soukan:matrix-rendered').length > 0);
    const setWindow = (w) => async () => {
      const box = b.page.locator('input[name="window"]');
      await box.fill(String(w));
      await box.press('Enter');
    };
    const setMethod = (m) => () => b.page.locator('select[name="method"]').selectOption(m);
    const steps = [setWindow(60), setWindow(120), setMethod('spearman'), setWindow(500), setMethod('kendall'), setMethod('pearson'), setWindow(250)];
    for (const s of steps) cold.push(await reRender(b.page, s));
    for (const s of steps) warm.push(await reRender(b.page, s));
  } finally {
    await b.close();
  }
  console.log(`re-render after a window/method change: uncached median ${ms(median(cold))} (max ${ms(Math.max(...cold))}), cached median ${ms(median(warm))} (max ${ms(Math.max(...warm))})  [target < 200 ms]`);

  // 3. API load.
  const path = '/api/correlation?universe=majors&window=250';
  const body = await (await fetch(new URL(path, server.url))).text();
  await autocannon({ url: new URL(path, server.url).href, connections: CONNECTIONS, duration: 5 }); // warm-up
  const { r, samples } = await load(new URL(path, server.url).href, server.proc.pid);
  const first = samples.slice(0, 10);
  const last = samples.slice(-10);
  const avg = (a) => a.reduce((x, y) => x + y, 0) / a.length;
  console.log(
    `\nGET ${path} (cached, ${(body.length / 1024).toFixed(0)} KB), ${CONNECTIONS} connections, ${DURATION} s: ${r.requests.average.toFixed(0)} req/s, latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}  [target ≥ 2,000 req/s, p99 < 50 ms, 0 errors]`,
  );
  console.log(`server RSS over the run: first 10 s ${avg(first).toFixed(0)} MB, last 10 s ${avg(last).toFixed(0)} MB, max ${Math.max(...samples).toFixed(0)} MB  [target: flat]`);

  // Peer: CPython serving the same bytes.
  const dir = mkdtempSync(join(tmpdir(), 'soukan-bench-peer-'));
  writeFileSync(join(dir, 'body.json'), body);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const py = spawn('/usr/bin/python3', [join(here, 'peers', 'web_static_server.py'), join(dir, 'body.json'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((res) => py.stdout.once('data', res));
  try {
    const peer = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: CONNECTIONS, duration: Math.min(DURATION, 30) });
    console.log(
      `peer (CPython ThreadingHTTPServer, same bytes, ${Math.min(DURATION, 30)} s): ${peer.requests.average.toFixed(0)} req/s, p99 ${peer.latency.p99} ms, errors ${peer.errors}, timeouts ${peer.timeouts} → soukan ${(r.requests.average / peer.requests.average).toFixed(1)}× the req/s`,
    );
  } finally {
    py.kill();
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  server.proc.kill('SIGTERM');
}
