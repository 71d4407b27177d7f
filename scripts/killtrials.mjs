#!/usr/bin/env node
/* global performance, clearTimeout */
// kill -9 trials of `soukan import` on the DuckDB store (not part of CI;
// counts go to docs/reliability.md). A store holding EUR/USD 2017 M1 is
// copied for each trial; `soukan import` of two more HistData years-of-pairs
// is started on the copy and killed with SIGKILL after a random delay
// (uniform over the import's measured duration). The store must then be
// exactly as before or exactly complete — compared by row counts and
// order-independent hashes of every table — and accept a new import.
//
//   node scripts/killtrials.mjs [--trials 20] [--engine duckdb|clickhouse]
//
// `--engine clickhouse`: the same trials on a 3-shard ClickHouse cluster
// (scripts/clickhouse-killtrials.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'packages', 'cli', 'bin', 'soukan.js');
const shared = process.env.SOUKAN_SHARED_DATA ?? resolve(root, '..', 'shared', 'data');
const { Store } = await import(pathToFileURL(join(root, 'packages', 'data', 'dist', 'store', 'store.js')).href);
const { values: o } = parseArgs({ options: { trials: { type: 'string', default: '20' }, engine: { type: 'string', default: 'duckdb' } } });
const zip = (p) => join(shared, 'histdata_m1_2017', `HISTDATA_COM_ASCII_${p}_M1_2017.zip`);
if (o.engine === 'clickhouse') {
  const { clickhouseKillTrials } = await import('./clickhouse-killtrials.mjs');
  process.exit((await clickhouseKillTrials({ trials: Number(o.trials), bin, zip })) ? 0 : 1);
} else if (o.engine !== 'duckdb') {
  console.error(`killtrials: --engine is duckdb or clickhouse, not ${o.engine}`);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'soukan-kill-'));
const cli = (args) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

async function fingerprint(path) {
  const s = await Store.open(path, { readOnly: true });
  try {
    // Contents only: the count of recorded imports grows with a re-import that adds nothing.
    const { series, bars, rollup, quotes } = await s.fingerprint();
    return JSON.stringify({ series, bars, rollup, quotes });
  } finally {
    await s.close();
  }
}
const copy = (from, to) => {
  copyFileSync(from, to);
  if (existsSync(`${from}.wal`)) copyFileSync(`${from}.wal`, `${to}.wal`);
};

const base = join(dir, 'base.duckdb');
let r = cli(['import', zip('EURUSD'), '--store', base]);
if (r.status !== 0) throw new Error(r.stderr);
const before = await fingerprint(base);
const full = join(dir, 'full.duckdb');
copy(base, full);
const more = [zip('USDJPY'), zip('GBPUSD')];
const t0 = performance.now();
r = cli(['import', ...more, '--store', full]);
const duration = performance.now() - t0;
if (r.status !== 0) throw new Error(r.stderr);
const after = await fingerprint(full);

const tally = { before: 0, after: 0, other: 0, exitedFirst: 0, reimportOk: 0 };
for (let i = 0; i < Number(o.trials); i++) {
  const path = join(dir, `t${i}.duckdb`);
  copy(base, path);
  const delay = 100 + Math.random() * duration;
  const child = spawn(process.execPath, [bin, 'import', ...more, '--store', path], { stdio: 'ignore' });
  const exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
  const timer = setTimeout(() => child.kill('SIGKILL'), delay);
  const { signal } = await exited;
  clearTimeout(timer);
  if (signal !== 'SIGKILL') tally.exitedFirst++;
  const fp = await fingerprint(path);
  const state = fp === before ? 'before' : fp === after ? 'after' : 'other';
  tally[state]++;
  // The store still takes an import (and completes to the same contents).
  const again = cli(['import', ...more, '--store', path]);
  if (again.status === 0 && (await fingerprint(path)) === after) tally.reimportOk++;
  console.log(`trial ${i + 1}: killed after ${delay.toFixed(0)} ms (${signal ?? 'exited'}) → ${state}${state === 'other' ? ` ${fp}` : ''}`);
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
}
rmSync(dir, { recursive: true, force: true });
console.log(`kill -9 trials (DuckDB store, import of 2 HistData zips, ${(duration / 1000).toFixed(1)} s uncut): ${o.trials} trials — ${tally.before} as before, ${tally.after} complete, ${tally.other} other; ${tally.exitedFirst} finished before the kill; ${tally.reimportOk} re-imported to the complete contents afterwards`);
process.exit(tally.other > 0 || tally.reimportOk !== Number(o.trials) ? 1 : 0);
