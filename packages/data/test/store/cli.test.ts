// The store through the real `soukan` binary (built by `npm test` before the
// tests): import / list / bars / remove, `import ecb` and `import h10` against
// a server on 127.0.0.1, commands reading the store when --data is not given,
// and atomicity proven on real processes: an import of the eight HistData
// zips killed mid-way (SIGKILL) or interrupted (SIGINT) leaves the store
// exactly as before, and a second process is told the store is in use.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import type { StoreFingerprint } from '../../src/store/types.js';
import { runCli } from '../../../../test/helpers/cli.js';
import { repoRoot, sharedData } from '../../../../test/helpers/sharedData.js';
import { histData, PAIRS, tempDir } from './helpers.js';

const at = tempDir('soukan-store-cli-');
const BIN = join(repoRoot, 'packages', 'cli', 'bin', 'soukan.js');
const ALL = PAIRS.map(histData);

async function fingerprint(path: string): Promise<StoreFingerprint> {
  const s = await Store.open(path, { readOnly: true });
  try {
    return await s.fingerprint();
  } finally {
    await s.close();
  }
}

/** Spawns `soukan import` with progress lines; resolves once `ready(line)` matches a stderr line. */
function startImport(args: string[], ready: (line: string) => boolean): { child: ChildProcess; reached: Promise<string>; exit: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, 'import', '--progress', ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let resolveReached!: (l: string) => void;
  const reached = new Promise<string>((r) => (resolveReached = r));
  child.stderr!.on('data', (d: Buffer) => {
    const before = stderr.length;
    stderr += d.toString();
    for (const line of stderr.slice(before === 0 ? 0 : stderr.lastIndexOf('\n', before) + 1).split('\n')) if (ready(line)) resolveReached(line);
  });
  child.stdout!.on('data', () => {});
  const exit = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, reached, exit };
}

const percent = (line: string): number => Number(/^progress: reading (\d+)%/.exec(line)?.[1] ?? -1);

describe('an import killed mid-way leaves the store exactly as it was', () => {
  const store = at('kill.duckdb');
  let before: StoreFingerprint;
  beforeAll(async () => {
    const r = await runCli(['import', histData('EURUSD'), '--store', store]);
    expect(r.code, r.stderr).toBe(0);
    before = await fingerprint(store);
    expect(before.bars.rows).toBe(371_635);
  }, 120_000);

  it('SIGKILL at ~40% of the eight 2017 HistData zips: same rows, same hash; the store still imports afterwards', async () => {
    const run = startImport([...ALL, '--store', store], (l) => percent(l) >= 40);
    const line = await run.reached;
    run.child.kill('SIGKILL');
    const { signal } = await run.exit;
    expect(signal).toBe('SIGKILL');
    expect(line).toMatch(/progress: reading [4-9]\d%/);
    expect(await fingerprint(store)).toEqual(before);
    // Not corrupted: a complete import still works and adds the other seven files.
    const ok = await runCli(['import', ...ALL, '--store', store, '--format', 'json']);
    expect(ok.code, ok.stderr).toBe(0);
    const summary = JSON.parse(ok.stdout) as { added: number; duplicates: number };
    expect([summary.added, summary.duplicates]).toEqual([2_958_833 - 371_635, 371_635]);
  }, 300_000);

  it('SIGKILL while committing: the store is either exactly as before or exactly the complete import', async () => {
    const pre = at('commit-pre.duckdb');
    const full = at('commit-full.duckdb');
    expect((await runCli(['import', histData('USDJPY'), '--store', pre])).code).toBe(0);
    copyFileSync(pre, full);
    expect((await runCli(['import', histData('EURUSD'), histData('GBPUSD'), '--store', full])).code).toBe(0);
    const [f0, f1] = [await fingerprint(pre), await fingerprint(full)];
    const run = startImport([histData('EURUSD'), histData('GBPUSD'), '--store', pre], (l) => /^progress: committing/.test(l));
    await run.reached;
    run.child.kill('SIGKILL');
    await run.exit;
    const after = await fingerprint(pre);
    // The import log differs in its timestamps, so compare the data tables.
    const data = (f: StoreFingerprint): unknown => ({ series: f.series, bars: f.bars, rollup: f.rollup, quotes: f.quotes });
    expect([data(f0), data(f1)]).toContainEqual(data(after));
  }, 300_000);

  it('Ctrl-C (SIGINT): rolls back, says so, exits 130', async () => {
    const pre = at('int.duckdb');
    expect((await runCli(['import', histData('AUDUSD'), '--store', pre])).code).toBe(0);
    const f0 = await fingerprint(pre);
    const run = startImport([...ALL, '--store', pre], (l) => percent(l) >= 30);
    await run.reached;
    run.child.kill('SIGINT');
    const { code, stderr } = await run.exit;
    expect(code).toBe(130);
    expect(stderr).toMatch(/soukan: import interrupted; nothing was written, the store .*int\.duckdb is as it was\n$/);
    expect(await fingerprint(pre)).toEqual(f0);
  }, 300_000);

  it('a second process opening the store during an import waits for it, and when its wait runs out gets a clear message, not a stack', async () => {
    const target = at('busy.duckdb');
    const run = startImport([...ALL, '--store', target], (l) => percent(l) >= 10);
    await run.reached;
    // Held still, the import cannot finish while the readers wait behind its write intent (READER_WAIT_MS).
    run.child.kill('SIGSTOP');
    const [list, bars] = await Promise.all([runCli(['list', '--store', target]), runCli(['bars', 'EUR/USD', '--store', target])]);
    run.child.kill('SIGKILL');
    await run.exit;
    for (const r of [list, bars]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^soukan: store .*busy\\.duckdb is in use by another process \\(PID ${run.child.pid}, .*\\) — an import or another soukan command; try again when it has finished\\n$`));
    }
    // Killed before anything was committed: the store exists but is empty.
    expect((await fingerprint(target)).bars.rows).toBe(0);
  }, 300_000);
});

describe('a --store that is not a store file: one line, exit 2, nothing written', () => {
  it('a directory, a truncated store, a ClickHouse URL with credentials in it (never echoed)', async () => {
    const dir = at('a-folder');
    mkdirSync(dir);
    const good = at('good.duckdb');
    expect((await runCli(['import', histData('EURUSD'), '--store', good])).code).toBe(0);
    const truncated = at('truncated.duckdb');
    writeFileSync(truncated, readFileSync(good).subarray(0, 5000));
    const cases: [string, RegExp][] = [
      [dir, /^soukan: store .*a-folder is a directory; --store takes the path of a store file \(e\.g\. .*a-folder\/soukan\.duckdb\)\n$/],
      [truncated, /^soukan: store .*truncated\.duckdb is damaged or truncated \(not a complete DuckDB database\); restore it from a backup or pass another --store\n$/],
      ['clickhouse://alice:s3cret@127.0.0.1:19099/fx', /^soukan: store clickhouse:\/\/127\.0\.0\.1:19099\/fx: user and password do not go in the URL; set \$SOUKAN_CLICKHOUSE_USER and \$SOUKAN_CLICKHOUSE_PASSWORD\n$/],
    ];
    for (const [store, message] of cases) {
      for (const args of [['list'], ['bars', 'EUR/USD'], ['corr', 'EUR/USD', 'USD/JPY'], ['import', histData('USDJPY')]]) {
        const r = await runCli([...args, '--store', store]);
        expect(r.code, `${args[0]} ${store}`).toBe(2);
        expect(r.stderr, `${args[0]} ${store}`).toMatch(message);
      }
    }
    expect(readdirSync(dir)).toEqual([]);
    expect(statSync(truncated).size).toBe(5000);
    const env = await runCli(['list'], { SOUKAN_STORE: 'clickhouse://alice:s3cret@127.0.0.1:19099/fx' });
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(cases[2]![1]);
    expect(existsSync(join(repoRoot, 'clickhouse:'))).toBe(false);
  }, 300_000);
});

describe('import, list, bars, remove', () => {
  const store = at('cmd.duckdb');
  beforeAll(async () => {
    const r = await runCli(['import', histData('EURUSD'), histData('USDJPY'), '--store', store]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/742,933 rows from 2 file\(s\) in .* s \(.* rows\/s\): 742,933 added, 0 already stored/);
    expect(r.stdout).toMatch(/EUR\/USD +HistData +371,635 +371,635 +0 +0 +0 +2017-01-02T07:00Z → 2017-12-29T21:57Z/);
    expect(r.stdout).toMatch(/note: times read as New York wall clock \(EST\/EDT\) and converted to UTC \(2 files\)/);
    expect(r.stderr).toBe('');
  }, 120_000);

  it('list shows symbols, sources, kinds, rows and ranges', async () => {
    const r = await runCli(['list', '--store', store]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/EUR\/USD +HistData +1-minute bars +371,635 +2017-01-02T07:00Z +2017-12-29T21:57Z/);
    expect(r.stdout).toMatch(/2 series, 742,933 rows in /);
    const j = JSON.parse((await runCli(['list', '--store', store, '--format', 'json'])).stdout) as { series: { symbol: string; rows: number }[] };
    expect(j.series.map((s) => [s.symbol, s.rows])).toEqual([
      ['EUR/USD', 371_635],
      ['USD/JPY', 371_298],
    ]);
    const empty = await runCli(['list', '--store', at('nothing.duckdb')]);
    expect(empty.stdout).toMatch(/the store .*nothing\.duckdb is empty; import data with: soukan import FILE…/);
    expect(existsSync(at('nothing.duckdb'))).toBe(false);
  });

  it('re-import adds nothing', async () => {
    const r = await runCli(['import', histData('USDJPY'), '--store', store, '--format', 'json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ added: 0, duplicates: 371_298, conflicts: 0 });
  });

  it('bars: table, csv and json; a cross says how it was built', { timeout: 120_000 }, async () => {
    const t = await runCli(['bars', 'EUR/USD', '--timeframe', 'H1', '--store', store, '--from', '2017-03-12', '--to', '2017-03-12']);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/^EUR\/USD H1 from HistData \(stored\): 3 bars, 2017-03-12 21:00 → 2017-03-12 23:00 UTC\n/);
    expect(t.stdout).toMatch(/2017-03-12 21:00 +1\.\d{5} /);
    const csv = await runCli(['bars', 'eurusd', '--timeframe', 'h1', '--store', store, '--format', 'csv']);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('time,open,high,low,close,volume');
    expect(lines).toHaveLength(6208);
    expect(lines[1]).toBe('2017-01-02T07:00:00.000Z,1.05155,1.0523,1.05124,1.05153,0');
    const j = JSON.parse((await runCli(['bars', 'EUR/JPY', '--timeframe', 'D1', '--store', store, '--format', 'json'])).stdout) as { route: unknown; time: string[]; volume: unknown[] };
    expect(j.route).toEqual([
      { symbol: 'EUR/USD', invert: false },
      { symbol: 'USD/JPY', invert: false },
    ]);
    expect(j.time).toHaveLength(259);
    expect(j.volume[0]).toBeNull();
    const x = await runCli(['bars', 'EUR/JPY', '--store', store, '--to', '2017-01-03']);
    expect(x.stderr).toMatch(/note: EUR\/JPY built as a cross of stored pairs: .*true high\/low cannot be derived/);
  });

  it('bad options and unknown pairs exit 2 with one line', async () => {
    const cases: [string[], RegExp][] = [
      [['bars', 'EUR/USD', '--timeframe', 'H2'], /^soukan: --timeframe: expected one of M1, M5, M15, M30, H1, H4, D1, W1, got "H2"\n$/],
      [['bars', 'EUR/USD', '--from', '2017-13-01'], /^soukan: --from: not a date: "2017-13-01" \(no such day\)\n$/],
      [['bars', 'EUR/CHF'], /^soukan: EUR\/CHF is not in the store and cannot be crossed from its pairs; closest: /],
      [['bars', 'EUR/USD', '--source', 'ECB'], /^soukan: no source "ECB" in the store; stored: HistData\n$/],
    ];
    for (const [args, re] of cases) {
      const r = await runCli([...args, '--store', store]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(re);
    }
  });

  it('a file in no known format is refused with what was tried, and nothing is written', async () => {
    const before = await fingerprint(store);
    const r = await runCli(['import', histData('GBPUSD'), join(repoRoot, 'package.json'), '--store', store]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^soukan: .*package\.json: unknown format; tried ecb: .*; histdata: .*; csv-wide: /);
    expect(await fingerprint(store)).toEqual(before);
  });

  it('remove asks for confirmation (refused without a terminal), --yes removes', async () => {
    const ask = await runCli(['remove', 'USD/JPY', '--store', store]);
    expect(ask.code).toBe(2);
    expect(ask.stderr).toBe('soukan: remove asks for confirmation; pass --yes to remove without asking\n');
    const yes = await runCli(['remove', 'USD/JPY', '--yes', '--store', store]);
    expect(yes.code, yes.stderr).toBe(0);
    expect(yes.stdout).toBe('removed USD/JPY from HistData: 371,298 rows\n');
    const again = await runCli(['remove', 'USD/JPY', '--yes', '--store', store]);
    expect(again.stderr).toBe('soukan: USD/JPY is not stored; stored: EUR/USD\n');
  });
});

describe('commands read the store when --data is not given', () => {
  it('corr over the store gives the numbers corr over the files gives', async () => {
    const store = at('corr.duckdb');
    const files = [histData('EURUSD'), histData('USDJPY'), histData('GBPUSD')];
    expect((await runCli(['import', ...files, '--store', store])).code).toBe(0);
    const args = ['corr', 'EUR/USD', 'USD/JPY', 'GBP/USD', 'EUR/JPY', '--timeframe', 'H4', '--window', '500', '--format', 'json'];
    const fromStore = await runCli([...args, '--store', store]);
    const fromFiles = await runCli([...args, '--data', ...files]);
    expect(fromStore.code, fromStore.stderr).toBe(0);
    const a = JSON.parse(fromStore.stdout) as Record<string, unknown>;
    const b = JSON.parse(fromFiles.stdout) as Record<string, unknown>;
    expect(a.source).toBe('HistData intraday data (3 quoted series, from the store)');
    // The store answers with its sufficient statistics (kernel "store"), the files through the
    // kernels on the bars: the same cells to rounding, everything else identical.
    expect((a.compute as { kernel: string }).kernel).toBe('store');
    const numbers = (x: Record<string, unknown>): number[] => JSON.stringify([x.matrix, x.p, x.ci]).match(/-?[0-9.]+(e-?[0-9]+)?/g)!.map(Number);
    const [na, nb] = [numbers(a), numbers(b)];
    expect(na.length).toBe(nb.length);
    na.forEach((v, i) => expect(Math.abs(v - nb[i]!), `value ${i}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(nb[i]!))));
    const rest = (x: Record<string, unknown>) => ({ ...x, source: null, compute: null, matrix: null, p: null, ci: null });
    expect(rest(a)).toEqual(rest(b));
  }, 180_000);
});

describe('import ecb / import h10 from the publishers (served on 127.0.0.1)', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const file = req.url === '/ecb.zip' ? sharedData('eurofxref-hist.zip') : req.url === '/h10.csv' ? sharedData('frb_h10_daily.csv') : undefined;
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200);
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const a = server.address();
    base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('downloads and imports both; a second import adds nothing; --file imports a local copy', async () => {
    const home = at('home');
    const env = { SOUKAN_HOME: home, SOUKAN_ECB_URL: `${base}/ecb.zip`, SOUKAN_H10_URL: `${base}/h10.csv` };
    const ecb = await runCli(['import', 'ecb', '--format', 'json'], env);
    expect(ecb.code, ecb.stderr).toBe(0);
    expect(ecb.stderr).toMatch(/downloading http:\/\/127\.0\.0\.1:\d+\/ecb\.zip/);
    const e = JSON.parse(ecb.stdout) as { store: string; series: { source: string; kind: string }[]; added: number };
    expect(e.store).toBe(join(home, 'soukan.duckdb'));
    expect(e.series).toHaveLength(41);
    expect(e.series.every((s) => s.source === 'ECB' && s.kind === 'quotes')).toBe(true);
    const h10 = await runCli(['import', 'h10', '--format', 'json'], env);
    expect(h10.code, h10.stderr).toBe(0);
    expect((JSON.parse(h10.stdout) as { series: { source: string }[] }).series.every((s) => s.source === 'FRB H.10')).toBe(true);
    const again = await runCli(['import', 'ecb', '--file', sharedData('eurofxref-hist.zip'), '--format', 'json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, duplicates: e.added });
    const list = await runCli(['list', '--format', 'json'], env);
    expect(new Set((JSON.parse(list.stdout) as { series: { source: string }[] }).series.map((s) => s.source))).toEqual(new Set(['ECB', 'FRB H.10']));
  }, 180_000);

  it('offline with nothing downloaded: says how to import a local copy', async () => {
    const r = await runCli(['import', 'h10'], { SOUKAN_HOME: at('home2'), SOUKAN_H10_URL: `${base}/missing.csv` });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/HTTP 404.*Offline\? Import a downloaded copy: soukan import h10 --file FRB_H10\.csv/);
  });
});
