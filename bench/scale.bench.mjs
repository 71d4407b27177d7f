// Benchmark (not a test): soukan at scale on DuckDB, on one ClickHouse server
// and on a 3-shard ClickHouse cluster (scripts/clickhouse.mjs), with the
// generated data of bench/scale-data.mjs — by default one year of M1 bars for
// 100 instruments (~37 M rows); `--days N` and `--instruments N` scale it down
// for a loaded machine (say so when you quote the figures). Build first:
//
//   npx tsc -b packages/cli && nice node bench/scale.bench.mjs [--days 365] [--instruments 100] [--engines duckdb,ch1,ch3]
//     [--data DIR] [--skip rolling]
//
// `--data DIR` reads the files bench/scale-data.mjs wrote there (generate
// once: `node bench/scale-data.mjs --out DIR`, ~7 minutes at full scale)
// instead of generating them into a temporary folder; `--skip rolling` leaves
// out step 4 (28 processes over the M1 rows).
//
// Per engine, each as a real soukan process under /usr/bin/time (wall, CPU,
// peak RSS of the soukan process; a ClickHouse server's own memory is not in it):
// 1. `soukan import` of every file (50 files an import) → rows/s. Peer in the same run: DuckDB's
//    own read_csv of the same files into a table (no validation).
// 2. `soukan bars EUR/USD --timeframe H1`.
// 3. The daily correlation matrix of all instruments from M1
//    (`soukan corr … --timeframe D1 --window all`). Peer: one DuckDB SQL
//    query (daily last close per instrument, log returns, corr of every pair).
// 4. Rolling one-day correlation of the 28 pairs of 8 instruments on M1
//    (`soukan corr A B --timeframe M1 --rolling 1440`, 28 processes, total).
// Writes bench/results/scale.json and prints a table.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate, instruments } from './scale-data.mjs';
import { startClickHouse } from '../scripts/clickhouse.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const bin = join(root, 'packages', 'cli', 'bin', 'soukan.js');
const { Db } = await import(pathToFileURL(join(root, 'packages', 'data', 'dist', 'store', 'duck.js')).href);

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const DAYS = Number(opt('days', 365));
const INSTRUMENTS = Number(opt('instruments', 100));
const ENGINES = opt('engines', 'duckdb,ch1,ch3').split(',');
const DATA = opt('data', null);
const SKIP = (opt('skip', '') ?? '').split(',');
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}; load average ${load()}`);

const dir = mkdtempSync(join(tmpdir(), 'soukan-bench-scale-'));
let t0 = performance.now();
let data;
if (DATA) {
  const list = instruments(INSTRUMENTS);
  const files = list.map((s) => join(DATA, `${s.symbol.replace('/', '')}.csv`));
  const missing = files.find((f) => !existsSync(f));
  if (missing) throw new Error(`scale bench: ${missing} is missing; generate with node bench/scale-data.mjs --out ${DATA}`);
  // Rows are counted by the peer's read_csv below.
  data = { files, symbols: list.map((s) => s.symbol), rows: 0 };
  console.log(`data: ${INSTRUMENTS} instruments from ${DATA} (generated before)`);
} else {
  data = generate({ out: join(dir, 'data'), instruments: INSTRUMENTS, days: DAYS });
  console.log(`data: ${data.rows.toLocaleString('en-US')} M1 rows, ${INSTRUMENTS} instruments × ${DAYS} days, generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** A command under /usr/bin/time: wall s, CPU s, peak RSS MB, stdout; or the failure's first line. */
function timed(cmdArgs) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, bin, ...cmdArgs], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [secs, user, sys, kb] = last.split(' ').map(Number);
  if (r.status !== 0) return { error: r.stderr.trim().split('\n')[0] };
  return { secs, cpu: user + sys, rssMB: kb / 1024, stdout: r.stdout };
}

const EIGHT = data.symbols.slice(0, 8);
const PAIRS28 = EIGHT.flatMap((a, i) => EIGHT.slice(i + 1).map((b) => [a, b]));

async function measure(engine, store) {
  const at = ['--store', store, '--source', 'Gen'];
  const out = { engine };
  // One import per 50 files (the most one import takes), times summed.
  const imp = { secs: 0, rssMB: 0, added: 0 };
  for (let i = 0; i < data.files.length; i += 50) {
    const r = timed(['import', ...data.files.slice(i, i + 50), ...at, '--format', 'json']);
    if (r.error) return { ...out, error: r.error };
    imp.secs += r.secs;
    imp.rssMB = Math.max(imp.rssMB, r.rssMB);
    imp.added += JSON.parse(r.stdout).added;
  }
  out.import = { secs: imp.secs, rssMB: imp.rssMB, rows: imp.added, rowsPerSec: imp.added / imp.secs };
  const bars = timed(['bars', 'EUR/USD', '--timeframe', 'H1', ...at, '--format', 'json']);
  out.barsH1 = bars.error ? { error: bars.error } : { secs: bars.secs, rssMB: bars.rssMB };
  const corr = timed(['corr', ...data.symbols, '--timeframe', 'D1', '--window', 'all', '--min-periods', '2', ...at, '--format', 'json']);
  out.corrD1 = corr.error ? { error: corr.error } : { secs: corr.secs, rssMB: corr.rssMB };
  if (SKIP.includes('rolling')) return out;
  let secs = 0;
  let rss = 0;
  for (const [a, b] of PAIRS28) {
    const r = timed(['corr', a, b, '--timeframe', 'M1', '--rolling', '1440', ...at, '--format', 'json']);
    if (r.error) {
      out.rolling28 = { error: r.error };
      break;
    }
    secs += r.secs;
    rss = Math.max(rss, r.rssMB);
  }
  out.rolling28 ??= { secs, rssMB: rss };
  return out;
}

async function peer() {
  const db = await Db.open(join(dir, 'peer.duckdb'));
  const list = `[${data.files.map((f) => `'${f}'`).join(', ')}]`;
  t0 = performance.now();
  await db.run(`CREATE TABLE bars AS SELECT * FROM read_csv(${list}, header = true, columns = {'time': 'TIMESTAMPTZ', 'symbol': 'VARCHAR', 'open': 'DOUBLE', 'high': 'DOUBLE', 'low': 'DOUBLE', 'close': 'DOUBLE', 'volume': 'DOUBLE'})`);
  const importSecs = (performance.now() - t0) / 1000;
  data.rows = Number((await db.rows('SELECT count(*)::DOUBLE AS n FROM bars'))[0].n);
  t0 = performance.now();
  // Daily (UTC) last close per instrument, log returns, Pearson of every pair: what the matrix needs, in one statement.
  await db.rows(`WITH d AS (SELECT symbol, date_trunc('day', time) AS day, arg_max(close, time) AS c FROM bars GROUP BY ALL),
    r AS (SELECT symbol, day, ln(c / lag(c) OVER (PARTITION BY symbol ORDER BY day)) AS r FROM d)
    SELECT a.symbol, b.symbol, corr(a.r, b.r) FROM r a JOIN r b ON a.day = b.day AND a.symbol < b.symbol GROUP BY ALL`);
  const corrSecs = (performance.now() - t0) / 1000;
  db.close();
  return { importSecs, rowsPerSec: data.rows / importSecs, corrSecs };
}

const results = { when: new Date().toISOString(), cores: cpus().length, loadStart: load(), rows: data.rows, instruments: INSTRUMENTS, days: DAYS, engines: [] };
results.peer = await peer();
results.rows = data.rows;
console.log(`peer DuckDB read_csv: ${Math.round(results.peer.rowsPerSec).toLocaleString('en-US')} rows/s; daily corr SQL ${results.peer.corrSecs.toFixed(2)} s`);
for (const engine of ENGINES) {
  if (engine === 'duckdb') results.engines.push(await measure('DuckDB', join(dir, 'store.duckdb')));
  else {
    const cluster = await startClickHouse({ shards: engine === 'ch3' ? 3 : 1 });
    try {
      results.engines.push(await measure(engine === 'ch3' ? 'ClickHouse, 3 shards' : 'ClickHouse, 1 server', cluster.url));
    } finally {
      await cluster.stop();
    }
  }
  console.log(JSON.stringify(results.engines.at(-1)));
}
results.loadEnd = load();

const cell = (m, f) => (!m ? '—' : m.error ? 'failed' : f(m));
const lines = [
  `| engine | import rows/s (× read_csv) | bars H1 | ${INSTRUMENTS}×${INSTRUMENTS} D1 corr from M1 | 28 rolling 1-day M1 | peak RSS |`,
  '|---|--:|--:|--:|--:|--:|',
  ...results.engines.map((e) => {
    if (e.error) return `| ${e.engine} | failed: ${e.error} | | | | |`;
    const rss = Math.max(...[e.import, e.barsH1, e.corrD1, e.rolling28].filter((m) => m && !m.error).map((m) => m.rssMB));
    return `| ${e.engine} | ${Math.round(e.import.rowsPerSec).toLocaleString('en-US')} (${(e.import.rowsPerSec / results.peer.rowsPerSec).toFixed(2)}) | ${cell(e.barsH1, (m) => `${m.secs.toFixed(2)} s`)} | ${cell(e.corrD1, (m) => `${m.secs.toFixed(2)} s`)} | ${cell(e.rolling28, (m) => `${m.secs.toFixed(1)} s`)} | ${rss.toFixed(0)} MB |`;
  }),
  `| DuckDB SQL peer | ${Math.round(results.peer.rowsPerSec).toLocaleString('en-US')} (1.00) | | ${results.peer.corrSecs.toFixed(2)} s | | |`,
];
console.log(`\n${data.rows.toLocaleString('en-US')} rows; load ${results.loadStart} → ${results.loadEnd}\n${lines.join('\n')}`);
const rowsOf = (e) =>
  e.error
    ? [{ name: `${e.engine}: failed`, soukanMs: null, peerName: null, peerMs: null, ratio: null, note: e.error }]
    : [
        { name: `${e.engine}: soukan import, ${data.rows} rows`, soukanMs: e.import.secs * 1000, peerName: 'DuckDB read_csv into a table', peerMs: results.peer.importSecs * 1000, ratio: results.peer.importSecs / e.import.secs, peakMB: e.import.rssMB },
        ...(e.corrD1.error ? [] : [{ name: `${e.engine}: soukan corr ${INSTRUMENTS}×${INSTRUMENTS} D1 from M1 (process)`, soukanMs: e.corrD1.secs * 1000, peerName: 'one DuckDB SQL query (daily close, ln, corr)', peerMs: results.peer.corrSecs * 1000, ratio: results.peer.corrSecs / e.corrD1.secs, peakMB: e.corrD1.rssMB }]),
      ];
console.log(`BENCH_RESULT ${JSON.stringify({ title: `Scale: ${data.rows.toLocaleString('en-US')} M1 rows on DuckDB and ClickHouse (issue 11)`, rows: results.engines.flatMap(rowsOf), notes: [`${INSTRUMENTS} instruments × ${DAYS} days, load ${results.loadStart} → ${results.loadEnd}`] })}`);
writeFileSync(join(here, 'results', 'scale.json'), JSON.stringify(results, null, 2) + '\n');
rmSync(dir, { recursive: true, force: true });
