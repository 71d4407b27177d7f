// Benchmark (not a test): the store on the eight HistData 2017 M1 zips
// (2,958,833 rows) — build first:
//
//   npx tsc -b packages/cli && node bench/store.bench.mjs [--repeats 3] [--bars-repeats 9]
//
// 1. `soukan import` of all eight zips into a fresh store, as a real process
//    (/usr/bin/time: wall seconds and peak RSS), best and median of N;
//    the import's own rows/s from its JSON summary.
// 2. The peer in the same run: bench/peers/store.py — pandas.read_csv of the
//    same zips + New York → UTC + resample('1h'), best of N, and the ratio.
// 3. The alternative the importer did not take: DuckDB's read_csv of the
//    extracted CSV members with the New York → UTC conversion in SQL (no
//    validation, no line numbers), timed with its extraction.
// 4. `soukan bars EUR/USD --timeframe H1` (the year, 6,207 bars) as a real
//    process: wall time best and median of M; and Store.bars in-process.
// Machine: cores and load average are printed — on a shared machine the
// load changes the figures more than anything in the code.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const bin = join(root, 'packages', 'cli', 'bin', 'soukan.js');
const dist = join(root, 'packages', 'data', 'dist');
const { Store } = await import(pathToFileURL(join(dist, 'index.js')).href);
const { Db } = await import(pathToFileURL(join(dist, 'store', 'duck.js')).href);
const { openInput } = await import(pathToFileURL(join(dist, 'formats', 'input.js')).href);

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const REPEATS = opt('repeats', 3);
const BARS_REPEATS = opt('bars-repeats', 9);
const shared = process.env.SOUKAN_SHARED_DATA ?? join(root, '..', 'shared', 'data');
const zipDir = join(shared, 'histdata_m1_2017');
const zips = readdirSync(zipDir)
  .filter((f) => f.endsWith('.zip'))
  .sort()
  .map((f) => join(zipDir, f));
if (zips.length !== 8) throw new Error(`expected 8 HistData zips in ${zipDir}, found ${zips.length}`);

const dir = mkdtempSync(join(tmpdir(), 'soukan-bench-store-'));
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
};
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}; load average ${load()} (1, 5, 15 min)`);

/** Runs a command under /usr/bin/time; returns wall seconds, CPU seconds (user + system, all threads), peak RSS (MB) and stdout. */
function timed(cmd, cmdArgs) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', cmd, ...cmdArgs], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed: ${r.stderr}`);
  const last = r.stderr.trim().split('\n').pop();
  const [secs, user, sys, kb] = last.split(' ').map(Number);
  return { secs, cpu: user + sys, rssMB: kb / 1024, stdout: r.stdout };
}

// 1. soukan import, fresh store each time.
const imports = [];
let storeFile = '';
for (let i = 0; i < REPEATS; i++) {
  storeFile = join(dir, `import-${i}.duckdb`);
  const r = timed(process.execPath, [bin, 'import', ...zips, '--store', storeFile, '--format', 'json']);
  const summary = JSON.parse(r.stdout);
  imports.push({ ...r, rows: summary.added, innerSecs: summary.elapsedMs / 1000 });
  if (i < REPEATS - 1) rmSync(storeFile, { force: true });
}
const rows = imports[0].rows;
const bestImport = Math.min(...imports.map((x) => x.secs));
console.log(`\nsoukan import, 8 zips (${rows.toLocaleString('en-US')} rows), ${REPEATS} runs (process wall incl. start-up):`);
console.log(`  wall      best ${bestImport.toFixed(2)} s, median ${median(imports.map((x) => x.secs)).toFixed(2)} s   (target < 5 s)`);
console.log(`  import    best ${Math.min(...imports.map((x) => x.innerSecs)).toFixed(2)} s inside the process → ${Math.round(rows / Math.min(...imports.map((x) => x.innerSecs))).toLocaleString('en-US')} rows/s`);
console.log(`  CPU       best ${Math.min(...imports.map((x) => x.cpu)).toFixed(2)} s user+system over all threads (what load cannot inflate)`);
console.log(`  peak RSS  max ${Math.max(...imports.map((x) => x.rssMB)).toFixed(0)} MB, median ${median(imports.map((x) => x.rssMB)).toFixed(0)} MB   (target < 500 MB)`);

// Re-importing the same zips: every row compared with the stored ones, nothing added.
const again = timed(process.execPath, [bin, 'import', ...zips, '--store', storeFile, '--format', 'json']);
const againSummary = JSON.parse(again.stdout);
console.log(`  re-import of the same zips: ${againSummary.added} added, ${againSummary.duplicates.toLocaleString('en-US')} already stored, ${again.secs.toFixed(2)} s, peak RSS ${again.rssMB.toFixed(0)} MB`);

// 2. pandas peer, same zips, same run.
const peer = spawnSync('/usr/bin/python3', [join(here, 'peers', 'store.py'), String(REPEATS), ...zips], { encoding: 'utf8' });
if (peer.status !== 0) throw new Error(`peer failed: ${peer.stderr}`);
const p = JSON.parse(peer.stdout.trim().split('\n').pop());
console.log(`\npandas ${p.pandas}: read_csv + tz_localize(New York) + resample('1h'), best of ${REPEATS}:`);
console.log(`  ${p.seconds.toFixed(2)} s (read_csv alone ${p.readCsvSeconds.toFixed(2)} s), ${p.rows.toLocaleString('en-US')} rows → ${p.h1Bars.toLocaleString('en-US')} H1 bars, peak RSS ${p.peakRssMB.toFixed(0)} MB`);
console.log(`  ratio soukan import / pandas: ${(bestImport / p.seconds).toFixed(2)} (soukan validates every row, stores it durably, and answers any timeframe afterwards)`);

// 3. The alternative: DuckDB read_csv on extracted members.
const csvDir = join(dir, 'csv');
spawnSync('mkdir', ['-p', csvDir]);
let t0 = performance.now();
const csvs = [];
for (const z of zips) {
  const input = await openInput(z);
  const out = join(csvDir, input.names[0]);
  await pipeline([...input.stages(), createWriteStream(out)]);
  csvs.push(out);
}
const extractSecs = (performance.now() - t0) / 1000;
const alt = await Db.open(join(dir, 'readcsv.duckdb'));
await alt.run('CREATE TABLE bars (series_id INTEGER, t BIGINT, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, volume DOUBLE)');
const list = `[${csvs.map((c) => `'${c}'`).join(', ')}]`;
t0 = performance.now();
await alt.run('BEGIN');
await alt.run(
  `INSERT INTO bars SELECT 1, epoch_ms(timezone('America/New_York', strptime(ts, '%Y%m%d %H%M%S'))), o, h, l, c, v
   FROM read_csv(${list}, delim=';', header=false, columns={'ts': 'VARCHAR', 'o': 'DOUBLE', 'h': 'DOUBLE', 'l': 'DOUBLE', 'c': 'DOUBLE', 'v': 'DOUBLE'})`,
);
await alt.run('COMMIT');
const readCsvSecs = (performance.now() - t0) / 1000;
alt.close();
console.log(`\nalternative: DuckDB read_csv of the extracted members + New York → UTC in SQL, no validation or line numbers:`);
console.log(`  extract ${extractSecs.toFixed(2)} s + read_csv/insert ${readCsvSecs.toFixed(2)} s = ${(extractSecs + readCsvSecs).toFixed(2)} s`);
console.log(`  (the JS readers keep the validation and file/line/field/text messages; see docs/store.md)`);

// 4. soukan bars EUR/USD --timeframe H1 after the import.
const barsRuns = [];
for (let i = 0; i < BARS_REPEATS; i++) barsRuns.push(timed(process.execPath, [bin, 'bars', 'EUR/USD', '--timeframe', 'H1', '--store', storeFile]));
const barsLines = barsRuns[0].stdout.trim().split('\n').length - 2;
console.log(`\nsoukan bars EUR/USD --timeframe H1 (${barsLines.toLocaleString('en-US')} bars, table to a pipe), ${BARS_REPEATS} runs:`);
console.log(`  wall best ${(Math.min(...barsRuns.map((x) => x.secs)) * 1000).toFixed(0)} ms, median ${(median(barsRuns.map((x) => x.secs)) * 1000).toFixed(0)} ms   (target < 300 ms)`);
console.log(`  CPU  best ${(Math.min(...barsRuns.map((x) => x.cpu)) * 1000).toFixed(0)} ms user+system`);
const helpRuns = [];
for (let i = 0; i < BARS_REPEATS; i++) helpRuns.push(timed(process.execPath, [bin, '--help']));
console.log(`  for scale: soukan --help (start-up, every command module loaded) best ${(Math.min(...helpRuns.map((x) => x.secs)) * 1000).toFixed(0)} ms wall, ${(Math.min(...helpRuns.map((x) => x.cpu)) * 1000).toFixed(0)} ms CPU`);
const nodeOnly = [];
for (let i = 0; i < BARS_REPEATS; i++) nodeOnly.push(timed(process.execPath, ['-e', '0']).secs);
console.log(`  for scale: node -e 0 best ${(Math.min(...nodeOnly) * 1000).toFixed(0)} ms, median ${(median(nodeOnly) * 1000).toFixed(0)} ms`);
const store = await Store.open(storeFile, { readOnly: true });
const inproc = [];
for (let i = 0; i < BARS_REPEATS; i++) {
  t0 = performance.now();
  await store.bars('EUR/USD', { timeframe: 'H1' });
  inproc.push(performance.now() - t0);
}
await store.close();
console.log(`  Store.bars in-process: best ${Math.min(...inproc).toFixed(0)} ms, median ${median(inproc).toFixed(0)} ms`);
console.log(`\nload average at the end: ${load()}`);
rmSync(dir, { recursive: true, force: true });
