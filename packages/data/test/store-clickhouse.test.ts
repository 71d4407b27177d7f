// The ClickHouse store backend: store locations with schemes; import, list,
// bars and remove against a real ClickHouse (the test cluster npm test starts,
// else one this file starts: a missing clickhouse-server fails, never skips);
// bars equal to the DuckDB store's bit for bit on the ECB history and the 2017
// HistData zips (bars of 15 minutes and coarser read from the quarter-hour
// rollup the import fills); imports atomic for readers (uncommitted rows invisible and
// cleaned up, kill -9 mid-import); bad input as one line with exit 2.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEW_YORK_CLOSE, TIMEFRAMES, type Timeframe } from '@soukan/core';
import { Store } from '../src/store/store.js';
import { parseStoreLocation } from '../src/store/storeLocation.js';
import { chBarsSql, localMsSql } from '../src/store/clickhouse/chBarsSql.js';
import { chRollupApplies, chRollupQuartersSql } from '../src/store/clickhouse/chRollup.js';
import { versionOf } from '../src/store/clickhouse/chClient.js';
import type { StoreBars } from '../src/store/types.js';
import { runCli } from '../../../test/helpers/cli.js';
import { repoRoot, sharedData } from '../../../test/helpers/sharedData.js';
import { sql, useClickHouse, type TestClickHouse } from './clickhouse/clickhouse.js';
import { histData, histDataFile, tempDir } from './store/helpers.js';
import { firstDifference } from './clickhouse/sameJson.ts';

const at = tempDir('soukan-store-ch-');
const BIN = join(repoRoot, 'packages', 'cli', 'bin', 'soukan.js');

describe('store locations: a DuckDB path or clickhouse://, one parser', () => {
  it('a path is a DuckDB file; clickhouse:// a server, or a cluster with every shard', () => {
    expect(parseStoreLocation('/data/s.duckdb', {})).toEqual({ kind: 'duckdb', path: '/data/s.duckdb', shown: '/data/s.duckdb' });
    expect(parseStoreLocation('clickhouse://127.0.0.1:8123/fx', {})).toEqual({
      kind: 'clickhouse',
      endpoint: { host: '127.0.0.1', port: 8123 },
      database: 'fx',
      cluster: undefined,
      shards: [{ host: '127.0.0.1', port: 8123 }],
      user: 'default',
      password: '',
      shown: 'clickhouse://127.0.0.1:8123/fx',
    });
    const c = parseStoreLocation('clickhouse://db1:8123/fx?cluster=risk&shards=db1:8123,db2:8124', { SOUKAN_CLICKHOUSE_USER: 'alice', SOUKAN_CLICKHOUSE_PASSWORD: 'pw' });
    expect(c).toMatchObject({ kind: 'clickhouse', cluster: 'risk', shards: [{ host: 'db1', port: 8123 }, { host: 'db2', port: 8124 }], user: 'alice', password: 'pw' });
    expect(c.shown).not.toContain('pw');
  });

  it('bad locations are one message each, never repeating a password', () => {
    const bad: [string, RegExp][] = [
      ['foo://host/x', /^store foo:\/\/host\/x: unknown scheme "foo:"; --store and \$SOUKAN_STORE take the path of a DuckDB store file or clickhouse:\/\/HOST:HTTP_PORT\/DATABASE/],
      ['s3://u:topsecret@bucket/x', /^store s3:\/\/bucket\/x: unknown scheme "s3:"/],
      ['clickhouse://alice:topsecret@127.0.0.1:8123/fx', /^store clickhouse:\/\/127\.0\.0\.1:8123\/fx: user and password do not go in the URL; set \$SOUKAN_CLICKHOUSE_USER and \$SOUKAN_CLICKHOUSE_PASSWORD$/],
      ['clickhouse://127.0.0.1/fx', /^store clickhouse:\/\/127\.0\.0\.1\/fx: server "127\.0\.0\.1" is not HOST:PORT/],
      ['clickhouse://127.0.0.1:99999/fx', /server "127\.0\.0\.1:99999" is not HOST:PORT/],
      ['clickhouse://127.0.0.1:8123', /: no database; the form is clickhouse:\/\//],
      ['clickhouse://127.0.0.1:8123/', /: no database/],
      ['clickhouse://127.0.0.1:8123/fx-data', /database "fx-data" is not a name/],
      ['clickhouse://127.0.0.1:8123/fx?shard=a:1', /unknown parameter "shard"/],
      ['clickhouse://127.0.0.1:8123/fx?cluster=c', /cluster needs shards=/],
      ['clickhouse://127.0.0.1:8123/fx?shards=a:1', /shards needs cluster=NAME/],
      ['clickhouse://127.0.0.1:8123/fx?cluster=c&shards=a:1,a:1', /shard a:1 listed twice/],
      ['clickhouse://127.0.0.1:8123/fx?cluster=c&shards=a', /shard "a" is not HOST:PORT/],
      ['clickhouse://127.0.0.1:8123/fx?cluster=c&cluster=d&shards=a:1', /parameter cluster given twice/],
    ];
    for (const [text, message] of bad) {
      expect(() => parseStoreLocation(text, {}), text).toThrow(message);
      try {
        parseStoreLocation(text, {});
      } catch (e) {
        expect((e as Error).message).not.toContain('topsecret');
      }
    }
  });

  it('regression: an unknown scheme through --store or $SOUKAN_STORE is exit 2, one line, and creates no folder named after the scheme', async () => {
    const cwd = at('cwd');
    mkdirSync(cwd);
    for (const args of [['list'], ['bars', 'EUR/USD'], ['corr', 'EUR/USD', 'USD/JPY'], ['import', histData('USDJPY')]]) {
      const r = await runCli([...args, '--store', 'foo://u:topsecret@127.0.0.1:19099/fx'], {}, cwd);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr, args[0]).toMatch(/^soukan: store foo:\/\/127\.0\.0\.1:19099\/fx: unknown scheme "foo:"; [^\n]*\n$/);
    }
    const env = await runCli(['list'], { SOUKAN_STORE: 'foo://127.0.0.1:19099/fx' }, cwd);
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/^soukan: store foo:\/\/127\.0\.0\.1:19099\/fx: unknown scheme "foo:"/);
    expect(readdirSync(cwd)).toEqual([]);
  }, 120_000);
});

/** The test server's location with another database. */
function withDatabase(ch: TestClickHouse, database: string): string {
  return ch.url.replace(`/${ch.database}`, `/${database}`);
}

/** The location of a database dropped first on every shard (a test starts from nothing, whatever ran before). */
async function fresh(ch: TestClickHouse, database: string): Promise<string> {
  for (const s of ch.shards) await sql(s, `DROP DATABASE IF EXISTS ${database}`);
  return withDatabase(ch, database);
}

async function databases(ch: TestClickHouse): Promise<string[]> {
  return (await sql(ch.shards[0]!, 'SELECT name FROM system.databases ORDER BY name FORMAT TSV')).trim().split('\n');
}

function expectSameBars(actual: StoreBars, expected: StoreBars, what: string): void {
  expect(actual.bars.symbol, what).toBe(expected.bars.symbol);
  expect(actual.weekendRows, `${what}: weekend rows`).toBe(expected.weekendRows);
  expect(actual.notes, `${what}: notes`).toEqual(expected.notes);
  expect(actual.route, `${what}: route`).toEqual(expected.route);
  for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    const a = actual.bars[k];
    const e = expected.bars[k];
    expect(a.length, `${what}: ${k} length`).toBe(e.length);
    let bad = -1;
    for (let i = 0; i < a.length && bad < 0; i++) if (!Object.is(a[i], e[i])) bad = i;
    expect(bad, `${what}: ${k} first differing bar ${bad} (${a[bad]} vs ${e[bad]})`).toBe(-1);
  }
}

describe('a ClickHouse store gives what the DuckDB store gives', () => {
  const server = useClickHouse();
  const duck = at('same.duckdb');
  let url = '';
  const files = [histData('EURUSD'), histData('USDJPY'), sharedData('eurofxref-hist.zip')];

  beforeAll(async () => {
    url = await fresh(server(), 'soukan_store_test');
    for (const store of [duck, url]) {
      const r = await runCli(['import', ...files, '--store', store, '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { added: number }).added).toBe(371_635 + 371_298 + 217_555);
    }
  }, 600_000);

  it('list: the same series, rows and ranges', async () => {
    const [a, b] = await Promise.all([runCli(['list', '--store', url, '--format', 'json']), runCli(['list', '--store', duck, '--format', 'json'])]);
    expect(a.code, a.stderr).toBe(0);
    const strip = (text: string): unknown => {
      const j = JSON.parse(text) as { store?: unknown; series: { id?: unknown }[] };
      return j.series.map(({ id: _id, ...rest }) => rest);
    };
    expect(strip(a.stdout)).toEqual(strip(b.stdout));
    expect((JSON.parse(a.stdout) as { series: unknown[] }).series).toHaveLength(43);
  }, 60_000);

  it('bars at every timeframe, bit for bit: stored, inverted and crossed HistData minutes, ECB fixings and their crosses, windows', async () => {
    const ch = await Store.open(url, { readOnly: true });
    const dd = await Store.open(duck, { readOnly: true });
    try {
      const cases: [string, string, Timeframe | undefined, number?, number?][] = [];
      for (const tf of TIMEFRAMES) for (const s of ['EUR/USD', 'JPY/USD', 'EUR/JPY']) cases.push([s, 'HistData', tf]);
      cases.push(['EUR/USD', 'HistData', undefined], ['EUR/JPY', 'HistData', undefined, Date.UTC(2017, 5, 1), Date.UTC(2017, 5, 2)]);
      cases.push(['EUR/USD', 'HistData', 'H1', Date.UTC(2017, 2, 10, 0, 7), Date.UTC(2017, 2, 14, 3, 2)], ['USD/JPY', 'HistData', 'W1', Date.UTC(2017, 2, 1), Date.UTC(2017, 5, 30)]);
      for (const tf of ['D1', 'W1'] as const) for (const s of ['EUR/USD', 'USD/JPY', 'ZAR/JPY', 'GBP/CHF']) cases.push([s, 'ECB', tf]);
      cases.push(['CHF/JPY', 'ECB', undefined], ['EUR/CHF', 'ECB', 'W1', Date.UTC(2008, 0, 1), Date.UTC(2009, 5, 30)]);
      for (const [symbol, source, timeframe, from, to] of cases) {
        const options = { source, timeframe, from, to };
        expectSameBars(await ch.bars(symbol, options), await dd.bars(symbol, options), `${symbol} ${source} ${timeframe ?? 'stored'} ${from ?? ''}`);
      }
    } finally {
      await ch.close();
      await dd.close();
    }
  }, 300_000);

  it('the import fills the quarter-hour rollup with every row, and bars read from it equal bars read from the rows', async () => {
    const c = server();
    const db = 'soukan_store_test';
    let n = 0;
    for (const s of c.shards) n += Number((await sql(s, `SELECT sum(n) FROM ${db}.${c.cluster ? 'rows_q_local' : 'rows_q'} FORMAT TSV`)).trim());
    expect(n).toBe(371_635 + 371_298 + 217_555);
    const imports = (await sql(c.shards[0]!, `SELECT import_id FROM ${db}.imports FORMAT TSV`)).trim().split('\n').map(Number);
    const windows: [number | undefined, number | undefined][] = [[undefined, undefined], [Date.UTC(2017, 2, 1), Date.UTC(2017, 5, 30) - 1]];
    for (const [symbol, invert] of [['EUR/USD', false], ['USD/JPY', true]] as const) {
      const leg = { source: 'HistData', symbol, imports, invert };
      for (const timeframe of TIMEFRAMES.filter((t) => chRollupApplies(t))) {
        for (const [from, to] of windows) {
          const o = { timeframe, convention: NEW_YORK_CLOSE, from, to };
          const fromRows = await sql(c.shards[0]!, `${chBarsSql(db, [leg], o)} FORMAT TSV`);
          const fromRollup = await sql(c.shards[0]!, `${chBarsSql(db, [leg], { ...o, quarters: chRollupQuartersSql(db, leg, from, to) })} FORMAT TSV`);
          expect(fromRows.split('\n').length, `${symbol} ${timeframe}`).toBeGreaterThan(10);
          expect(fromRollup, `${symbol}${invert ? ' inverted' : ''} ${timeframe} ${from ?? ''}`).toBe(fromRows);
        }
      }
    }
    expect(TIMEFRAMES.filter((t) => chRollupApplies(t))).toEqual(['M15', 'M30', 'H1', 'H4', 'D1', 'W1']);
  }, 300_000);

  it('commands read it with the same JSON: corr (matrix, rolling), vol, var, strength, perf', async () => {
    const commands = [
      ['corr', 'EUR/USD', 'USD/JPY', 'EUR/JPY', '--timeframe', 'H1', '--source', 'HistData'],
      ['corr', 'EUR/USD', 'USD/JPY', '--timeframe', 'D1', '--window', '20', '--source', 'HistData'],
      ['corr', 'EUR/USD', 'GBP/USD', 'USD/JPY', 'USD/CHF', '--source', 'ECB'],
      ['vol', 'EUR/JPY', '--source', 'HistData'],
      ['var', 'EUR/USD +100000', 'USD/JPY -50000', '--source', 'HistData'],
      ['strength', '--source', 'ECB'],
      ['perf', 'EUR/USD', '--source', 'HistData'],
    ];
    for (const c of commands) {
      const [a, b] = await Promise.all([runCli([...c, '--store', url, '--format', 'json']), runCli([...c, '--store', duck, '--format', 'json'])]);
      expect(a.code, `${c.join(' ')}: ${a.stderr}`).toBe(0);
      // The ClickHouse suite's rule: counts, dates and words identical, statistics to 1e-12 relative
      // (a matrix from each engine's sufficient statistics sums in each engine's order).
      expect(firstDifference(JSON.parse(a.stdout), JSON.parse(b.stdout), [url, duck]), c.join(' ')).toBeNull();
      expect(a.stderr, c.join(' ')).toBe(b.stderr);
    }
  }, 300_000);

  it('re-importing adds nothing; a changed row is a conflict, reported and kept as stored, as with DuckDB', async () => {
    const again = await runCli(['import', histData('EURUSD'), '--store', url, '--format', 'json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, duplicates: 371_635, conflicts: 0 });
    const changed = histDataFile(at, 'EURUSD', 'changed', [['2017-01-02 02:01', 1.5, 1.5, 1.5, 1.5]]);
    const runs = await Promise.all([url, at('conflict.duckdb')].map(async (store, i) => {
      if (i === 1) expect((await runCli(['import', histData('EURUSD'), '--store', store])).code).toBe(0);
      return runCli(['import', changed, '--store', store, '--format', 'json']);
    }));
    const [c, d] = runs.map((r) => JSON.parse(r.stdout) as { added: number; duplicates: number; conflicts: number; series: { conflictSamples: unknown[] }[]; notes: string[] });
    expect(c!.conflicts).toBe(1);
    expect([c!.added, c!.duplicates, c!.conflicts]).toEqual([d!.added, d!.duplicates, d!.conflicts]);
    expect(c!.series[0]!.conflictSamples).toEqual(d!.series[0]!.conflictSamples);
    expect(c!.notes.filter((n) => /differ/.test(n))).toEqual(d!.notes.filter((n) => /differ/.test(n)));
    const bars = await runCli(['bars', 'EUR/USD', '--source', 'HistData', '--to', '2017-01-02', '--store', url, '--format', 'json']);
    expect(bars.stdout).not.toContain('1.5,');
  }, 600_000);
});

describe('the SQL dialect of the server', () => {
  const server = useClickHouse();

  it('New York wall clock of every quarter-hour 1999–2027 as the server computes it equals Python zoneinfo\'s offsets; newer servers get timeZoneOffset', async () => {
    const ref = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'newYorkOffsets.json'), 'utf8')) as { from: number; to: number; transitions: [number, number][] };
    const version = versionOf((await sql(server().shards[0]!, 'SELECT version() FORMAT TSV')).trim())!;
    const n = (ref.to - ref.from) / 900;
    const text = await sql(server().shards[0]!, `SELECT s, ${localMsSql('s', 'America/New_York', version)} FROM (SELECT ${ref.from} + number * 900 AS s FROM system.numbers LIMIT ${n}) FORMAT TSV`);
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(n);
    let k = 0;
    let bad = '';
    for (const line of lines) {
      const [s, local] = line.split('\t').map(Number) as [number, number];
      while (k + 1 < ref.transitions.length && ref.transitions[k + 1]![0] <= s) k++;
      if (local !== (s + ref.transitions[k]![1]) * 1000 && !bad) bad = line;
    }
    expect(bad).toBe('');
    expect(localMsSql('s', 'America/New_York', [18, 16, 1])).not.toContain('timeZoneOffset');
    expect(localMsSql('s', 'America/New_York', [21, 6, 0])).toContain('timeZoneOffset(toDateTime(s, \'America/New_York\'))');
  }, 120_000);
});

describe('imports are atomic for readers', () => {
  const server = useClickHouse();
  let url = '';
  let ch: TestClickHouse;
  const rowsTable = (): string => (ch.cluster ? 'rows_local' : 'rows');
  const count = async (where: string): Promise<number> => {
    let n = 0;
    for (const s of ch.shards) n += Number((await sql(s, `SELECT count() FROM soukan_atomic.${rowsTable()} WHERE ${where} FORMAT TSV`)).trim());
    return n;
  };

  beforeAll(async () => {
    ch = server();
    url = await fresh(ch, 'soukan_atomic');
    const r = await runCli(['import', histData('EURUSD'), '--store', url]);
    expect(r.code, r.stderr).toBe(0);
  }, 300_000);

  it('rows of an import that never committed are invisible, and the next import deletes them', async () => {
    const before = await runCli(['bars', 'EUR/USD', '--timeframe', 'D1', '--store', url, '--format', 'json']);
    // What a killed import leaves: rows under an id no `imports` row commits (one of them a new time).
    const f = (x: number): string => new BigUint64Array(Float64Array.of(x).buffer)[0]!.toString();
    await sql(ch.shards[0]!, `INSERT INTO soukan_atomic.${rowsTable()} (source, symbol, t, import_id, open_bits, high_bits, low_bits, close_bits, volume_bits) VALUES ('HistData', 'EUR/USD', ${Date.UTC(2017, 0, 2, 8, 0)}, 7, ${f(9)}, ${f(9)}, ${f(9)}, ${f(9)}, ${f(0)}), ('HistData', 'EUR/USD', ${Date.UTC(2018, 0, 2, 8, 0)}, 7, ${f(9)}, ${f(9)}, ${f(9)}, ${f(9)}, ${f(0)})`);
    await sql(ch.shards[0]!, `INSERT INTO soukan_atomic.import_series VALUES (7, 'HistData', 'EUR/USD', 'bars', 'intraday', 60000, 2, 0, 0)`);
    expect(await count('import_id = 7')).toBe(2);
    const list = await runCli(['list', '--store', url, '--format', 'json']);
    expect((JSON.parse(list.stdout) as { series: { rows: number }[] }).series[0]!.rows).toBe(371_635);
    expect((await runCli(['bars', 'EUR/USD', '--timeframe', 'D1', '--store', url, '--format', 'json'])).stdout).toBe(before.stdout);
    const next = await runCli(['import', histData('USDJPY'), '--store', url]);
    expect(next.code, next.stderr).toBe(0);
    // The deletion is a mutation, which ClickHouse runs in the background.
    for (let i = 0; i < 60 && (await count('import_id = 7')) > 0; i++) await new Promise((r) => setTimeout(r, 500));
    expect(await count('import_id = 7')).toBe(0);
  }, 300_000);

  it('kill -9 mid-import: readers see the store as before; the next import cleans up and completes', async () => {
    const before = await runCli(['list', '--store', url, '--format', 'json']);
    const child = spawn(process.execPath, [BIN, 'import', '--progress', histData('GBPUSD'), histData('AUDUSD'), histData('NZDUSD'), '--store', url], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const exit = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        // Killed once the second file is being read: the first file's rows are written, nothing is committed.
        if (/progress: reading .*AUDUSD/.test(stderr) || /\(2\/3\)/.test(stderr)) resolve();
      }),
    );
    child.kill('SIGKILL');
    expect(await exit).toBe('SIGKILL');
    expect(await count(`symbol = 'GBP/USD'`)).toBeGreaterThan(0);
    const after = await runCli(['list', '--store', url, '--format', 'json']);
    expect(after.stdout).toBe(before.stdout);
    const ok = await runCli(['import', histData('GBPUSD'), '--store', url, '--format', 'json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ added: 371_204, duplicates: 0 });
  }, 300_000);

  it('remove hides the series at once', async () => {
    const r = await runCli(['remove', 'USD/JPY', '--yes', '--store', url]);
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse((await runCli(['list', '--store', url, '--format', 'json'])).stdout) as { series: { symbol: string }[] };
    expect(list.series.map((s) => s.symbol)).toEqual(['EUR/USD', 'GBP/USD']);
    const bars = await runCli(['bars', 'USD/JPY', '--store', url]);
    expect(bars.code).toBe(2);
    expect(bars.stderr).toMatch(/USD\/JPY is not in the store/);
  }, 120_000);

  it('a store made before the rollup reads bars from its rows, and gets the rollup from them at its next import', async () => {
    const rollups = ch.cluster ? [...ch.shards.map((s) => [s, 'rows_q_local'] as const), [ch.shards[0]!, 'rows_q'] as const] : [[ch.shards[0]!, 'rows_q'] as const];
    const d1 = ['bars', 'EUR/USD', '--timeframe', 'D1', '--store', url, '--format', 'json'];
    const before = await runCli(d1);
    for (const [s, table] of rollups.reverse()) await sql(s, `DROP TABLE soukan_atomic.${table}`);
    expect((await runCli(d1)).stdout).toBe(before.stdout);
    const r = await runCli(['import', histData('USDCHF'), '--store', url]);
    expect(r.code, r.stderr).toBe(0);
    let n = 0;
    for (const s of ch.shards) n += Number((await sql(s, `SELECT sum(n) FROM soukan_atomic.${ch.cluster ? 'rows_q_local' : 'rows_q'} WHERE symbol = 'EUR/USD' FORMAT TSV`)).trim());
    expect(n).toBe(371_635);
    expect((await runCli(d1)).stdout).toBe(before.stdout);
  }, 300_000);
});

describe('bad input: one line naming host, database and the problem; exit 2; nothing written', () => {
  const server = useClickHouse();
  let fake: Server;
  let fakePort = 0;
  beforeAll(async () => {
    // A server that says it is ClickHouse 1.1 (older than soukan supports) to any query.
    fake = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'Content-Type': 'text/tab-separated-values' }).end('1.1.54343\n'));
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    fakePort = (fake.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => fake.close(() => r())));

  const oneLine = (stderr: string, what: string): void => {
    expect(stderr.split('\n').filter(Boolean), what).toHaveLength(1);
    expect(stderr, what).not.toMatch(/\n\s+at /);
  };

  it('an unreachable server', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    for (const args of [['list'], ['import', histData('USDJPY')], ['corr', 'EUR/USD', 'USD/JPY']]) {
      const r = await runCli([...args, '--store', `clickhouse://127.0.0.1:${closed}/fx`]);
      expect(r.code, args[0]).toBe(2);
      oneLine(r.stderr, args[0]!);
      expect(r.stderr).toBe(`soukan: store clickhouse://127.0.0.1:${closed}/fx (ClickHouse at 127.0.0.1:${closed}, database fx): cannot reach the server (connection refused); is ClickHouse running there, and is that its HTTP port?\n`);
    }
  }, 60_000);

  it('wrong credentials: refused, the password never shown, nothing created', async () => {
    const url = await fresh(server(), 'soukan_denied');
    for (const args of [['list'], ['import', histData('USDJPY')]]) {
      const r = await runCli([...args, '--store', url], { SOUKAN_CLICKHOUSE_USER: 'default', SOUKAN_CLICKHOUSE_PASSWORD: 'hunter2-not-it' });
      expect(r.code, args[0]).toBe(2);
      oneLine(r.stderr, args[0]!);
      expect(r.stderr).toMatch(/\(ClickHouse at 127\.0\.0\.1:\d+, database soukan_denied\): login refused for user "default" \(wrong user or password; set \$SOUKAN_CLICKHOUSE_USER and \$SOUKAN_CLICKHOUSE_PASSWORD\)\n$/);
      expect(r.stderr + r.stdout).not.toContain('hunter2');
    }
    expect(await databases(server())).not.toContain('soukan_denied');
  }, 60_000);

  it('a missing database: readers say so (import creates it) and create nothing', async () => {
    const url = await fresh(server(), 'soukan_absent');
    for (const args of [['list'], ['bars', 'EUR/USD'], ['corr', 'EUR/USD', 'USD/JPY'], ['remove', 'EUR/USD']]) {
      const r = await runCli([...args, '--store', url]);
      expect(r.code, `${args[0]} ${r.stderr}`).toBe(2);
      oneLine(r.stderr, args[0]!);
      expect(r.stderr).toMatch(/^soukan: store clickhouse:\/\/127\.0\.0\.1:\d+\/soukan_absent.* \(ClickHouse at 127\.0\.0\.1:\d+, database soukan_absent\): database soukan_absent does not exist; soukan import creates it\n$/);
    }
    expect(await databases(server())).not.toContain('soukan_absent');
  }, 60_000);

  it('a server too old', async () => {
    const r = await runCli(['list', '--store', `clickhouse://127.0.0.1:${fakePort}/fx`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`soukan: store clickhouse://127.0.0.1:${fakePort}/fx (ClickHouse at 127.0.0.1:${fakePort}, database fx): server version 1.1.54343 is too old; soukan needs ClickHouse 18.16 or newer\n`);
  }, 30_000);

  it('a table of the same name made by something else: refused before anything is written', async () => {
    const ch = server();
    await fresh(ch, 'soukan_alien');
    for (const s of ch.shards) await sql(s, 'CREATE DATABASE IF NOT EXISTS soukan_alien');
    await sql(ch.shards[0]!, 'CREATE TABLE IF NOT EXISTS soukan_alien.imports (id String, note String) ENGINE = TinyLog');
    const url = withDatabase(ch, 'soukan_alien');
    for (const args of [['import', histData('USDJPY')], ['list']]) {
      const r = await runCli([...args, '--store', url]);
      expect(r.code, args[0]).toBe(2);
      oneLine(r.stderr, args[0]!);
      expect(r.stderr).toMatch(/database soukan_alien\): table soukan_alien\.imports has columns \(id String, note String\), not soukan's \(import_id UInt64, .*\); it was made by something else: use another database\n$/);
    }
    expect((await sql(ch.shards[0]!, "SELECT name FROM system.tables WHERE database = 'soukan_alien' FORMAT TSV")).trim()).toBe('imports');
  }, 60_000);

  it('ticks go to DuckDB stores only: importing tick data into ClickHouse is refused before connecting', async () => {
    const r = await runCli(['import', sharedData('dukascopy_ticks/EURUSD'), '--store', 'clickhouse://127.0.0.1:1/fx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('soukan: store clickhouse://127.0.0.1:1/fx: ticks are kept in a DuckDB store only; pass --store with a DuckDB file for tick data\n');
  }, 60_000);

  it('no folder named clickhouse: is ever created', () => {
    expect(existsSync(join(repoRoot, 'clickhouse:'))).toBe(false);
  });
});
