import { createServer, type Server } from 'node:http';
import { createReadStream, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import { fixture, sharedData } from '../../../test/helpers/sharedData.js';

const ecb = sharedData('eurofxref-hist.zip');
const h10 = sharedData('frb_h10_daily.csv');
const fixtures = 'packages/core/test/fixtures/correlation';
const windowRef = JSON.parse(readFileSync(fixture(`${fixtures}/ecb_window.json`), 'utf8'));
const rollingRef = JSON.parse(readFileSync(fixture(`${fixtures}/rolling_ecb.json`), 'utf8'));

function maxRelDiff(a: (number | null)[], b: (number | null)[]): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === null) {
      expect(a[i]).toBeNull();
      continue;
    }
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1e-12, Math.abs(b[i]!)));
  }
  return worst;
}

describe('soukan corr on the ECB history', () => {
  it('json: the 28 majors over the last 260 returns equal SciPy pearsonr per pair (ecb_window.json)', async () => {
    const res = await runCli(['corr', '--universe', 'majors', '--data', ecb, '--window', '260', '--end', '2026-04-13', '--format', 'json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const j = JSON.parse(res.stdout);
    expect(j.symbols).toEqual(windowRef.symbols);
    expect(j).toMatchObject({ method: 'pearson', on: 'returns', returns: 'log', window: 260, timeframe: 'D1', start: windowRef.dates[0], end: '2026-04-13', observations: 260 });
    expect(maxRelDiff(j.matrix.flat(), windowRef.returns.pearson.r)).toBeLessThan(1e-10);
    expect(maxRelDiff(j.p.flat(), windowRef.returns.pearson.p)).toBeLessThan(1e-8);
    expect(j.n.flat().every((n: number) => n === 260)).toBe(true);
    expect(j.attribution).toMatch(/Source: ECB/);
  });

  it('json: spearman on levels is labelled and matches SciPy', async () => {
    const res = await runCli(['corr', '--universe', 'majors', '--data', ecb, '--window', '260', '--end', '2026-04-13', '--on', 'levels', '--method', 'spearman', '--format', 'json']);
    const j = JSON.parse(res.stdout);
    expect(j.on).toBe('levels');
    expect(j.returns).toBeNull();
    expect(maxRelDiff(j.matrix.flat(), windowRef.levels.spearman.r)).toBeLessThan(1e-10);
  });

  it('table: plain when piped, ±100 cells, a header naming method, input, window and dates', async () => {
    const res = await runCli(['corr', 'EUR/USD', 'USD/JPY', 'ZAR/JPY', 'CHF/JPY', '--data', ecb, '--window', '60', '--end', '2026-04-13']);
    expect(res.code).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(res.stdout).not.toMatch(/\x1b\[/);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toMatch(/^Pearson correlation ×100 of daily log returns · 60 observations · \d{4}-\d{2}-\d{2} → 2026-04-13$/);
    expect(lines[1]).toMatch(/Source: ECB statistics/);
    expect(lines.find((l) => l.startsWith('USD/JPY'))).toMatch(/^USD\/JPY\s+[-+]\d+\s+100\s+[-+]\d+\s+[-+]\d+$/);
  });

  it('table in colour when forced: strength bands', async () => {
    const res = await runCli(['corr', 'EUR/USD', 'USD/CHF', '--data', ecb, '--window', '250'], { NO_COLOR: undefined, FORCE_COLOR: '1' });
    // EUR/USD vs USD/CHF is strongly negative: red.
    // eslint-disable-next-line no-control-regex
    expect(res.stdout).toMatch(/\x1b\[31m\s+-\d\d/);
  });

  it('under 100 columns the 28 majors are drawn compact: four-letter labels, two-digit cells equal to SciPy ρ × 100 (ecb_window.json)', async () => {
    const res = await runCli(['corr', '--universe', 'majors', '--data', ecb, '--window', '260', '--end', '2026-04-13', '--width', '90']);
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    // the matrix (two header lines, 28 rows) and its legend fit; the title lines may wrap
    expect(Math.max(...lines.slice(2).map((l) => l.length))).toBeLessThanOrEqual(90);
    const k = windowRef.symbols.length;
    const rows = lines.filter((l) => /^[A-Z]{4} /.test(l));
    expect(rows.length).toBe(k);
    const two = (split: string[]): string => split[0]!.slice(0, 2) + split[1]!.slice(0, 2);
    rows.forEach((row, i) => {
      expect(row.slice(0, 4)).toBe(two(windowRef.symbols[i].split('/')));
      for (let j = 0; j < k; j++) {
        const cell = row.slice(5 + 3 * j, 8 + 3 * j);
        if (i === j) expect(cell).toBe('  ·');
        else {
          const v = windowRef.returns.pearson.r[i * k + j];
          const m = Math.min(99, Math.round(Math.abs(v) * 100));
          expect(cell).toBe(`${v < 0 && m > 0 ? '-' : ''}${m}`.padStart(3, ' '));
        }
      }
    });
    expect(res.stdout).toMatch(/^compact \(under 100 columns\): EUGB = EUR\/GBP …; ρ × 100, ±99 = \|ρ\| ≥ 0\.985; wider: --width$/m);
    const wide = await runCli(['corr', '--universe', 'majors', '--data', ecb, '--window', '260', '--end', '2026-04-13', '--width', '160']);
    expect(wide.stdout.split('\n').some((l) => l.startsWith('EUR/GBP'))).toBe(true);
  });

  it('--top N: the N strongest pairs by |ρ| with their sign, ranked (ecb_window.json, SciPy)', async () => {
    const res = await runCli(['corr', '--universe', 'majors', '--data', ecb, '--window', '260', '--end', '2026-04-13', '--top', '5']);
    expect(res.code, res.stderr).toBe(0);
    const k = windowRef.symbols.length;
    const cells: { pair: string; r: number }[] = [];
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) cells.push({ pair: `${windowRef.symbols[i]} ~ ${windowRef.symbols[j]}`, r: windowRef.returns.pearson.r[i * k + j] });
    cells.sort((a, b) => Math.abs(b.r) - Math.abs(a.r));
    const rows = res.stdout.split('\n').filter((l) => /^\d+\s/.test(l));
    expect(rows.length).toBe(5);
    rows.forEach((row, i) => {
      const [rank, a, , b, rho] = row.trim().split(/\s+/);
      expect(Number(rank)).toBe(i + 1);
      expect(`${a} ~ ${b}`).toBe(cells[i]!.pair);
      const pct = Math.round(cells[i]!.r * 100);
      expect(rho).toBe(`${pct > 0 ? '+' : ''}${pct}`);
    });
    expect(res.stdout).toMatch(/^the 5 strongest of the 378 pairs by \|ρ\|, sign kept/m);
  });

  it('the legend says what its count of dimmed cells counts', async () => {
    const res = await runCli(['corr', '--universe', 'majors', '--data', ecb, '--window', '60', '--end', '2026-04-13', '--width', '200'], { NO_COLOR: undefined, FORCE_COLOR: '1' });
    // eslint-disable-next-line no-control-regex
    expect(res.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/dim: not significant at 5% \(\d+ of the 378 pairs\)/);
  });

  it('csv: a symmetric matrix with a header row', async () => {
    const res = await runCli(['corr', 'EUR/USD', 'GBP/USD', 'USD/JPY', '--data', ecb, '--format', 'csv']);
    const rows = res.stdout.trim().split('\n').map((l) => l.split(','));
    expect(rows[0]).toEqual(['', 'EUR/USD', 'GBP/USD', 'USD/JPY']);
    expect(rows[1]![2]).toBe(rows[2]![1]);
    expect(Number(rows[1]![1])).toBe(1);
  });

  it('--order cluster reorders rows and columns together', async () => {
    const res = await runCli(['corr', '--universe', 'majors', '--data', ecb, '--order', 'cluster', '--format', 'json']);
    const j = JSON.parse(res.stdout);
    expect(j.order).toBe('cluster');
    expect([...j.symbols].sort()).toEqual([...windowRef.symbols].sort());
    expect(j.symbols).not.toEqual(windowRef.symbols);
    for (let i = 0; i < 28; i++) expect(j.matrix[i][i]).toBe(1);
  });

  it('--rolling W equals pandas Series.rolling(W).corr (rolling_ecb.json, EUR/USD vs GBP/USD)', async () => {
    const c = rollingRef.cases[0];
    for (const r of c.rolling) {
      const res = await runCli(['corr', 'EUR/USD', 'GBP/USD', '--data', ecb, '--rolling', String(r.window), '--from', c.dates[0], '--format', 'json']);
      expect(res.code).toBe(0);
      const j = JSON.parse(res.stdout);
      expect(j.time).toEqual(c.dates);
      // pandas started its windows at the first date; ours ran from 1999, so compare where pandas has a full window.
      const from = r.window - 1;
      expect(maxRelDiff(j.rho.slice(from), r.pandas.slice(from))).toBeLessThan(1e-9);
    }
  });

  it('--ewm 0.94 equals pandas ewm(alpha=0.06).corr once the start-up weight has decayed', async () => {
    const c = rollingRef.cases[0];
    const e = c.ewm[0];
    const res = await runCli(['corr', 'EUR/USD', 'GBP/USD', '--data', ecb, '--ewm', '0.94', '--from', c.dates[0], '--format', 'json']);
    const j = JSON.parse(res.stdout);
    expect(j.kind).toBe('ewm');
    // 0.94^1000 ≈ 1e-27: after 1000 steps the different starting points no longer matter.
    expect(maxRelDiff(j.rho.slice(1000), e.pandas.slice(1000))).toBeLessThan(1e-9);
  });
});

describe('soukan corr A B --rolling/--ewm: what is printed (corrSeries.gen.py, pandas)', () => {
  const ref = JSON.parse(readFileSync(fixture('packages/cli/test/fixtures/corrSeries.json'), 'utf8'));
  const roll = ref.rolling60_last250;
  it('the table shows the last value and a summary, not one line per date', async () => {
    const res = await runCli(['corr', 'EUR/USD', 'GBP/USD', '--data', ecb, '--rolling', '60']);
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(5);
    expect(lines[2]).toBe(`last ${roll.rho[249].toFixed(3)} at ${roll.time[249]}`);
    expect(lines[3]).toMatch(new RegExp(`^mean -?\\d\\.\\d{3} ± \\d\\.\\d{3} \\(σ\\) over ${roll.values} values 1999-\\d\\d-\\d\\d → ${roll.time[249]}; min `));
    expect(lines[4]).toBe('every value: --series (with --window N for the last N), or --format csv|json');
  });
  it('--window N is honoured: the last N values, in json and with --series one line each', async () => {
    const j = JSON.parse((await runCli(['corr', 'EUR/USD', 'GBP/USD', '--data', ecb, '--rolling', '60', '--window', '250', '--format', 'json'])).stdout);
    expect(j.time).toEqual(roll.time);
    expect(maxRelDiff(j.rho, roll.rho)).toBeLessThan(1e-9);
    const text = (await runCli(['corr', 'EUR/USD', 'GBP/USD', '--data', ecb, '--rolling', '60', '--window', '250', '--series'])).stdout;
    const rows = text.split('\n').filter((l) => /^\d{4}-\d\d-\d\d\s/.test(l));
    expect(rows.length).toBe(250);
    expect(rows[0]).toBe(`${roll.time[0]}  ${roll.rho[0].toFixed(3)}`);
    const both = await runCli(['corr', 'EUR/USD', 'GBP/USD', '--data', ecb, '--rolling', '60', '--window', '250', '--from', '2020-01-01']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^soukan: give --window or --from, not both\n/);
  });
  it('--ewm honours min-periods (default 20, pandas min_periods): no two-point ±1 at the start', async () => {
    const j = JSON.parse((await runCli(['corr', 'EUR/USD', 'GBP/USD', '--data', ecb, '--ewm', '0.94', '--format', 'json'])).stdout);
    expect(j.time.slice(0, 25)).toEqual(ref.ewm.time);
    ref.ewm.first25.forEach((v: number | null, i: number) => (v === null ? expect(j.rho[i]).toBeNull() : expect(Math.abs(j.rho[i] - v)).toBeLessThan(1e-9)));
    expect(j.rho.filter((v: number | null) => v !== null).length).toBe(ref.ewm.values);
    expect(Math.abs(j.rho[j.rho.length - 1] - ref.ewm.last)).toBeLessThan(1e-12);
  });
});

describe('soukan corr: bad input gets one clear line and exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'soukan-cli-'));
  it('a malformed row names file, line, field and text; --skip-bad-rows reports it', async () => {
    const f = join(dir, 'bad.csv');
    writeFileSync(f, 'time,EUR/USD,USD/JPY\n2024-01-02,1.10,140.1\n2024-01-03,1.1x,141.0\n2024-01-04,1.12,142.0\n2024-01-05,1.11,141.5\n');
    const res = await runCli(['corr', 'EUR/USD', 'USD/JPY', '--data', f]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/bad\.csv.*line 3.*EUR\/USD.*"1\.1x"/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    const skip = await runCli(['corr', 'EUR/USD', 'USD/JPY', '--data', f, '--skip-bad-rows', '--window', '2', '--min-periods', '2']);
    expect(skip.stderr).toMatch(/skipped 1 bad row.*bad\.csv, line 3/);
  });
  it('an unknown symbol names the closest matches and the currencies the source has', async () => {
    const res = await runCli(['corr', 'EUR/USD', 'EUR/XYZ', '--data', ecb]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/unknown symbol EUR\/XYZ: .* has no XYZ; closest: .*; currencies: AUD BGN BRL/);
    const typo = await runCli(['corr', 'EURUDS', 'USD/JPY', '--data', ecb]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/closest: EUR\/USD/);
  });
  it('no overlap between series says so', async () => {
    // The old Turkish lira (TRL) left the ECB list in 2004; the real (BRL) joined in 2008.
    const res = await runCli(['corr', 'EUR/TRL', 'EUR/BRL', '--data', ecb, '--window', '10']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/do not overlap in time: EUR\/TRL 1999-01-04 → 2004-12-31; EUR\/BRL 2008-01-02 → 2026-04-13/);
  });
  it('too few points for the window says how many there are', async () => {
    const res = await runCli(['corr', 'EUR/USD', 'USD/JPY', '--data', ecb, '--window', '100', '--end', '1999-02-01']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/too few points for window 100: 20 returns/);
  });
  it('bad option values name the option', async () => {
    for (const [args, msg] of [
      [['--method', 'tau'], /--method: expected one of pearson, spearman, kendall, got "tau"/],
      [['--window', '-3'], /--window: expected a whole number from 2 to 10000000, or "all", got "-3"/],
      [['--end', '2024-02-30'], /--end: expected a date YYYY-MM-DD/],
      [['--timeframe', 'H2'], /--timeframe: expected one of M1, M5, M15, M30, H1, H4, D1, W1, got "H2"/],
      [['--timeframe', 'H1'], /timeframe H1 needs intraday data/],
      [['--universe', 'minors'], /--universe: expected one of majors, .*, got "minors"/],
      [['--confidence', '1.5'], /--confidence: expected a number > 0 and < 1, got "1.5"/],
    ] as const) {
      const res = await runCli(['corr', ...(args[0] === '--universe' ? [] : ['EUR/USD', 'USD/JPY']), '--data', ecb, ...args]);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toMatch(msg);
    }
  });
  it('a file of an unknown format lists what was tried', async () => {
    const f = join(dir, 'notes.txt');
    writeFileSync(f, 'hello world\nthis is not market data\n');
    const res = await runCli(['corr', 'EUR/USD', 'USD/JPY', '--data', f]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/ecb.*h10.*histdata/s);
  });
  it('H.10 data addresses crosses through USD', async () => {
    const res = await runCli(['corr', 'EUR/JPY', 'AUD/NZD', 'EUR/USD', '--data', h10, '--format', 'json']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).attribution).toMatch(/Federal Reserve/);
  });
});

describe('--data: one file each, or a list right after it; the first other word is a symbol', () => {
  const dataDir = sharedData('.');
  it('the README example: soukan corr --data frb_h10_daily.csv EUR/JPY AUD/NZD', async () => {
    const res = await runCli(['corr', '--data', h10, 'EUR/JPY', 'AUD/NZD', '--format', 'json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).symbols).toEqual(['EUR/JPY', 'AUD/NZD']);
  });
  it('a shell-expanded list of HistData files before --timeframe H4 reads them all', async () => {
    const files = ['EURUSD', 'GBPUSD', 'USDJPY'].map((p) => join(dataDir, 'histdata_m1_2017', `HISTDATA_COM_ASCII_${p}_M1_2017.zip`));
    const res = await runCli(['corr', '--data', ...files, '--timeframe', 'H4', '--window', '100', '--format', 'json']);
    expect(res.stderr).toMatch(/^note: 22 pair\(s\) of majors are not in the HistData data/);
    expect(res.code).toBe(0);
    const j = JSON.parse(res.stdout);
    expect(j.timeframe).toBe('H4');
    expect(j.symbols).toHaveLength(6);
    expect(j.symbols).toEqual(expect.arrayContaining(['EUR/USD', 'GBP/USD', 'USD/JPY', 'EUR/GBP', 'EUR/JPY', 'GBP/JPY']));
  });
  it('a repeated --data, and a missing file in the list', async () => {
    const [a, b] = ['EURUSD', 'USDJPY'].map((p) => join(dataDir, 'histdata_m1_2017', `HISTDATA_COM_ASCII_${p}_M1_2017.zip`));
    const res = await runCli(['corr', 'EUR/USD', 'USD/JPY', '--data', a!, '--data', b!, '--timeframe', 'D1', '--window', '20', '--format', 'json']);
    expect(res.stderr).toBe('');
    expect(JSON.parse(res.stdout).symbols).toEqual(['EUR/USD', 'USD/JPY']);
    const missing = await runCli(['corr', '--data', ecb, 'missing.csv', 'EUR/USD', 'USD/JPY']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('soukan: no such file: missing.csv\n');
  });
});

describe('the ECB download (served from 127.0.0.1)', () => {
  let server: Server;
  let url = '';
  let hits = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      if (req.url !== '/stats/eurofxref/eurofxref-hist.zip') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/zip' });
      createReadStream(ecb).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/stats/eurofxref/eurofxref-hist.zip`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('downloads once, caches, and reads the cache next time', async () => {
    const home = mkdtempSync(join(tmpdir(), 'soukan-home-'));
    const env = { SOUKAN_HOME: home, SOUKAN_ECB_URL: url };
    const first = await runCli(['corr', '--universe', 'majors', '--format', 'json'], env);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/downloading http:\/\/127\.0\.0\.1/);
    expect(existsSync(join(home, 'downloads', 'eurofxref-hist.zip'))).toBe(true);
    expect(JSON.parse(first.stdout).symbols).toHaveLength(28);
    const before = hits;
    const second = await runCli(['corr', '--universe', 'majors', '--format', 'json'], env);
    expect(second.code).toBe(0);
    expect(hits).toBe(before);
    expect(second.stdout).toBe(first.stdout);
  });

  it('offline with nothing cached: a clear message saying how to work offline', async () => {
    const home = mkdtempSync(join(tmpdir(), 'soukan-home-'));
    const res = await runCli(['corr'], { SOUKAN_HOME: home, SOUKAN_ECB_URL: url.replace('eurofxref-hist.zip', 'missing.zip') });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/HTTP 404.*--data eurofxref-hist\.zip or set SOUKAN_ECB_FILE/);
  });

  it('SOUKAN_ECB_FILE reads a local copy without any download', async () => {
    const res = await runCli(['corr', 'EUR/USD', 'USD/JPY', '--format', 'json'], { SOUKAN_ECB_FILE: ecb, SOUKAN_ECB_URL: 'http://127.0.0.1:9/none' });
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
  });
});
