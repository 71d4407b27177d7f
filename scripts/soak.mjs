#!/usr/bin/env node
/* global fetch, setInterval, clearInterval */
// Soak and overload test of `soukan serve` (not part of CI; figures go to
// docs/reliability.md). Starts a server on a fresh DuckDB store holding the
// ECB history, then drives it with autocannon:
//
//   node scripts/soak.mjs                       64 connections × 60 s of mixed cached / uncached / bad
//                                               requests, with uploads imported concurrently
//   node scripts/soak.mjs --mix uncached -c 8 -d 20
//                                               only uncached matrices: throughput at a given load
//
// Reports requests by kind and status, matrices per second, latency, every
// import's outcome, and the server's resident memory sampled every second.
// Exits 1 when a 5xx was answered, an import did not get in, or memory grew.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'packages', 'cli', 'bin', 'soukan.js');
const shared = process.env.SOUKAN_SHARED_DATA ?? resolve(root, '..', 'shared', 'data');
const { values: o } = parseArgs({
  options: {
    connections: { type: 'string', short: 'c', default: '64' },
    duration: { type: 'string', short: 'd', default: '60' },
    mix: { type: 'string', default: 'mixed' }, // mixed | uncached
    imports: { type: 'string', default: '30' }, // uploads during a mixed run
    workers: { type: 'string' },
  },
});
const connections = Number(o.connections);
const seconds = Number(o.duration);

const freePort = () =>
  new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'soukan-soak-'));
const store = join(dir, 'soak.duckdb');
const ecb = join(shared, 'eurofxref-hist.zip');
const imp = spawnSync(process.execPath, [bin, 'import', ecb, '--store', store], { encoding: 'utf8' });
if (imp.status !== 0) throw new Error(`import failed: ${imp.stderr}`);
const port = await freePort();
const args = [bin, 'serve', '--store', store, '--port', String(port)];
if (o.workers) args.push('--workers', o.workers);
const server = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
let serverLog = '';
server.stderr.on('data', (d) => (serverLog += d));
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/api/health`)).ok) break;
  } catch {
    /* not yet */
  }
  if (i > 200) throw new Error(`server did not start: ${serverLog}`);
  await new Promise((r) => setTimeout(r, 100));
}

const rssMb = () => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};
const rss = [];
const sampler = setInterval(() => rss.push(rssMb()), 1000);

// What the load sends. Uncached: a window never asked before (a new matrix).
let seq = 0;
const SYMBOLS = 'EUR/USD,USD/JPY,GBP/USD,USD/CHF,AUD/USD,USD/CAD,NZD/USD,USD/SEK,USD/NOK,USD/DKK,USD/PLN,USD/CZK,USD/HUF,USD/SGD,USD/HKD,USD/KRW,USD/ZAR,USD/MXN,USD/INR,USD/CNY';
const uncached = () => `/api/correlation?symbols=${SYMBOLS}&method=kendall&window=${500 + (seq++ % 4000)}`;
const cached = ['/api/correlation?universe=majors&window=250', '/api/meta', '/api/list', '/api/bars?symbol=EUR/USD&from=2024-01-01', '/api/correlation?universe=majors&window=60&method=spearman'];
const bad = [
  '/api/correlation?window=abc',
  '/api/correlation?window=0',
  '/api/bars?symbol=NOT/REAL',
  '/api/bars',
  '/api/correlation?__proto__=1',
  '/api/correlation?method=magic',
  '/api/nothing-here',
  '/api/jobs/none',
];
const counts = {};
const samples = {};
const count = (kind, status, body) => {
  let code = '';
  if (status >= 500) {
    try {
      const e = JSON.parse(body).error;
      code = ` ${e.code}`;
      samples[code] ??= e.message;
    } catch {
      /* not JSON */
    }
  }
  const k = `${kind} ${status}${code}`;
  counts[k] = (counts[k] ?? 0) + 1;
};
// Each connection cycles through this sequence: 3 uncached, 5 cached, 2 bad requests in 10.
const pick = (a) => a[Math.floor(Math.random() * a.length)];
const kinds = o.mix === 'uncached' ? ['uncached'] : ['uncached', 'cached', 'bad', 'cached', 'uncached', 'cached', 'bad', 'cached', 'uncached', 'cached'];
const requests = kinds.map((kind) => ({
  setupRequest: (r) => ({ ...r, path: kind === 'uncached' ? uncached() : kind === 'cached' ? pick(cached) : pick(bad) }),
  onResponse: (s, b) => count(kind, s, b),
}));

// Concurrent imports: uploads of generated files (a new synthetic series each), polled until they finish.
const jobs = [];
const importer =
  o.mix === 'uncached'
    ? Promise.resolve()
    : (async () => {
        const n = Number(o.imports);
        for (let i = 0; i < n; i++) {
          await new Promise((r) => setTimeout(r, (seconds * 1000 * 0.8) / n));
          const rows = ['time,symbol,value'];
          const pair = ['AUD/NZD', 'GBP/CHF', 'CAD/JPY', 'NOK/SEK'][i % 4];
          for (let d = 0; d < 2000; d++) rows.push(`${new Date(Date.UTC(2000, 0, 1) + (d + i * 2000) * 86_400_000).toISOString().slice(0, 10)},${pair},${(1 + Math.sin(d / 50) / 10).toFixed(5)}`);
          const body = gzipSync(rows.join('\n'));
          const t0 = Date.now();
          let res;
          for (let k = 0; ; k++) {
            res = await fetch(`${base}/api/import/upload?name=soak-${i}.csv.gz`, { method: 'POST', body, headers: { 'Content-Type': 'application/octet-stream' } });
            if (res.status !== 503 || k > 50) break;
            await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
          }
          const job = await res.json();
          jobs.push({ i, status: res.status, id: job.id, t0 });
        }
      })();

const t0 = Date.now();
const result = await autocannon({ url: base, connections, duration: seconds, requests, timeout: 30 });
await importer;
// Every import eventually in: poll the jobs after the load.
const outcomes = [];
for (const j of jobs) {
  if (j.status !== 202) {
    outcomes.push({ ...j, state: `HTTP ${j.status}` });
    continue;
  }
  for (;;) {
    const s = await (await fetch(`${base}/api/jobs/${j.id}`)).json();
    if (s.state === 'done' || s.state === 'failed') {
      outcomes.push({ ...j, state: s.state, error: s.error?.message, seconds: ((s.finished - j.t0) / 1000).toFixed(1) });
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
clearInterval(sampler);
const elapsed = (Date.now() - t0) / 1000;
server.kill('SIGTERM');
await new Promise((r) => server.on('exit', r));
rmSync(dir, { recursive: true, force: true });

const sum = (re) => Object.entries(counts).reduce((a, [k, v]) => a + (re.test(k) ? v : 0), 0);
const fivexx = sum(/ 5\d\d( |$)/);
const matrices = sum(/^uncached 200$/);
const q = (a, p) => a.slice().sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(p * a.length))];
const firstTen = rss.slice(2, 12);
const lastTen = rss.slice(-10);
const grew = Math.max(...lastTen) > Math.max(...firstTen) * 1.25 + 50;
console.log(`soukan soak: ${connections} connections × ${seconds} s, mix ${o.mix}${o.workers ? `, ${o.workers} workers` : ''} (${elapsed.toFixed(0)} s with the import drain)`);
console.log(`  requests: ${result.requests.total} (${(result.requests.total / seconds).toFixed(0)}/s); latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; errors (timeouts/resets) ${result.errors + result.timeouts}`);
console.log(`  by kind and status: ${Object.entries(counts).sort().map(([k, v]) => `${k}: ${v}`).join(', ')}`);
for (const [code, m] of Object.entries(samples)) console.log(`  first${code}: ${m}`);
console.log(`  uncached matrices answered: ${matrices} (${(matrices / seconds).toFixed(1)}/s); 503: ${sum(/ 503( |$)/)}; 5xx other than 503: ${fivexx - sum(/ 503( |$)/)}`);
if (jobs.length) console.log(`  imports: ${outcomes.filter((x) => x.state === 'done').length} of ${jobs.length} done${outcomes.some((x) => x.state !== 'done') ? `; not in: ${outcomes.filter((x) => x.state !== 'done').map((x) => `${x.i}: ${x.state} ${x.error ?? ''}`).join('; ')}` : ''}; slowest ${Math.max(...outcomes.map((x) => Number(x.seconds) || 0))} s`);
console.log(`  server RSS (MiB): start ${rss[0]?.toFixed(0)}, max ${Math.max(...rss).toFixed(0)}, first 10 s max ${Math.max(...firstTen).toFixed(0)}, last 10 s max ${Math.max(...lastTen).toFixed(0)}, end ${rss.at(-1)?.toFixed(0)}, p50 ${q(rss, 0.5)?.toFixed(0)}`);
const failed = (o.mix === 'mixed' && fivexx > 0) || outcomes.some((x) => x.state !== 'done') || grew;
if (failed) console.log(`  FAILED: ${[fivexx > 0 ? '5xx answered' : '', outcomes.some((x) => x.state !== 'done') ? 'an import did not get in' : '', grew ? 'memory grew' : ''].filter(Boolean).join(', ')}`);
process.exit(failed ? 1 : 0);
