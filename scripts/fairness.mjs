#!/usr/bin/env node
/* global fetch, performance */
// Writer fairness under readers (not part of CI; figures go to
// docs/reliability.md): `soukan serve` on a DuckDB store holding the ECB
// history, read continuously by --readers clients (each request opens the
// store: bars of a random pair and start), while `soukan import` runs
// --imports times, one after another, each with a generated file of a new
// pair. Reports how many imports got in, how long each waited for the store
// (from its start to its exit), and what the readers were answered.
//
//   node scripts/fairness.mjs                 4 readers, 15 imports
//   node scripts/fairness.mjs --readers 8 --imports 30
//
// Exits 1 when an import did not get in or a reader got a 5xx other than
// 503 store-busy.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'packages', 'cli', 'bin', 'soukan.js');
const shared = process.env.SOUKAN_SHARED_DATA ?? resolve(root, '..', 'shared', 'data');
const { values: o } = parseArgs({ options: { readers: { type: 'string', default: '4' }, imports: { type: 'string', default: '15' } } });
const readers = Number(o.readers);
const imports = Number(o.imports);

const run = (args) =>
  new Promise((res) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => res({ code, stderr, ms: performance.now() - t0 }));
  });
const freePort = () =>
  new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'soukan-fairness-'));
const store = join(dir, 'fair.duckdb');
const seeded = await run(['import', join(shared, 'eurofxref-hist.zip'), '--store', store]);
if (seeded.code !== 0) throw new Error(`import failed: ${seeded.stderr}`);
const port = await freePort();
const server = spawn(process.execPath, [bin, 'serve', '--store', store, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
const base = `http://127.0.0.1:${port}`;
for (;;) {
  try {
    if ((await fetch(`${base}/api/health`)).ok) break;
  } catch {
    /* not up yet */
  }
  await new Promise((r) => setTimeout(r, 200));
}

// Generated HistData M1 files of made-up pairs (never the shared data): 2,000 minutes each.
const CCY = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF', 'GGG', 'HHH', 'III', 'JJJ', 'KKK', 'LLL', 'MMM', 'NNN', 'OOO', 'PPP', 'QQQ', 'RRR', 'SSS', 'TTT', 'UUU', 'VVV', 'WWW', 'XXX', 'YYY', 'ZZZ'];
const files = Array.from({ length: imports }, (_, k) => {
  const pair = `${CCY[k % CCY.length]}${CCY[(k + 1 + Math.floor(k / CCY.length)) % CCY.length]}`;
  const lines = [];
  for (let i = 0; i < 2000; i++) {
    const t = Date.UTC(2017, 0, 3, 10) + i * 60_000;
    const d = new Date(t);
    const stamp = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')} ${String(d.getUTCHours()).padStart(2, '0')}${String(d.getUTCMinutes()).padStart(2, '0')}00`;
    const p = (1 + k / 10 + ((i * 7) % 13) * 1e-4).toFixed(4);
    lines.push(`${stamp};${p};${p};${p};${p};0`);
  }
  const f = join(dir, `DAT_ASCII_${pair}_M1_201701.csv`);
  writeFileSync(f, lines.join('\n') + '\n');
  return f;
});

const PAIRS = ['EUR/USD', 'USD/JPY', 'GBP/USD', 'AUD/USD', 'EUR/GBP', 'USD/CHF', 'NZD/USD', 'USD/CAD'];
const statuses = new Map();
let stop = false;
const reader = async () => {
  while (!stop) {
    const year = 2000 + Math.floor(Math.random() * 25);
    const r = await fetch(`${base}/api/bars?symbol=${PAIRS[Math.floor(Math.random() * PAIRS.length)]}&from=${year}-01-0${1 + Math.floor(Math.random() * 9)}`);
    const body = await r.json().catch(() => ({}));
    const key = r.status === 200 ? '200' : `${r.status} ${body.error?.code ?? ''}`;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
  }
};
const loops = Array.from({ length: readers }, reader);

const results = [];
for (const f of files) results.push(await run(['import', f, '--store', store]));
stop = true;
await Promise.all(loops);
server.kill('SIGINT');
await new Promise((r) => server.once('exit', r));
rmSync(dir, { recursive: true, force: true });

const ok = results.filter((r) => r.code === 0);
const ms = ok.map((r) => r.ms).sort((a, b) => a - b);
const q = (p) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] : NaN);
const waited = results.filter((r) => /waiting for the reads in progress/.test(r.stderr)).length;
console.log(`readers: ${readers} clients of /api/bars (each request opens the store)`);
console.log(`imports: ${ok.length} of ${results.length} in; ${waited} had to wait for reads in progress; wall time per import p50 ${(q(0.5) / 1000).toFixed(2)} s, max ${(q(1) / 1000).toFixed(2)} s`);
for (const r of results.filter((x) => x.code !== 0)) console.log(`  failed: exit ${r.code}: ${r.stderr.trim().split('\n').at(-1)}`);
console.log(`reader answers: ${[...statuses].map(([k, v]) => `${k}: ${v}`).join(', ')}`);
const bad = [...statuses.keys()].some((k) => k.startsWith('5') && k !== '503 store-busy');
process.exit(ok.length === results.length && !bad ? 0 : 1);
