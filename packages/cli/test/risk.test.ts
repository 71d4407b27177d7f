import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import { fixture, sharedData } from '../../../test/helpers/sharedData.js';

// End-to-end tests of soukan vol / move / var / exposure: the built binary on the real data,
// checked against the NumPy/pandas/SciPy fixtures of the core tests.
const ecb = sharedData('eurofxref-hist.zip');
const eurusdM1 = sharedData('histdata_m1_2017/HISTDATA_COM_ASCII_EURUSD_M1_2017.zip');
const json = (p: string): any => JSON.parse(readFileSync(fixture(p), 'utf8')); // eslint-disable-line @typescript-eslint/no-explicit-any
const estimators = json('packages/core/test/volatility/fixtures/estimators.json');
const move = json('packages/core/test/risk/fixtures/move.json');
const varRef = json('packages/core/test/risk/fixtures/var.json');
const backtest = json('packages/core/test/risk/fixtures/backtest.json');
const exposure = json('packages/core/test/exposure/fixtures/exposure.json');
const rel = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-300));

async function ok(args: string[]): Promise<string> {
  const r = await runCli(args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}
async function bad(args: string[], message: RegExp): Promise<void> {
  const r = await runCli(args);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^soukan: /);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack
}

describe('soukan vol', () => {
  it('json on HistData EUR/USD 2017: estimators, weekday and London hour tables equal NumPy/pandas (estimators.gen.py)', async () => {
    const j = JSON.parse(await ok(['vol', 'EUR/USD', '--data', eurusdM1, '--window', 'all', '--zone', 'Europe/London', '--weeks', '60', '--format', 'json']));
    const ref = estimators['EUR/USD'];
    expect(j).toMatchObject({ symbol: 'EUR/USD', timeframe: 'D1', bars: ref.D1.n, periodsPerYear: 260 });
    const byName: Record<string, string> = { 'close-to-close': 'closeToClose', Parkinson: 'parkinson', 'Garman–Klass': 'garmanKlass', 'Rogers–Satchell': 'rogersSatchell', 'Yang–Zhang': 'yangZhang' };
    for (const e of j.estimators) {
      expect(rel(e.sigma, ref.D1[byName[e.name]!])).toBeLessThan(1e-12);
      expect(rel(e.annualised, ref.D1[byName[e.name]!] * Math.sqrt(260))).toBeLessThan(1e-12);
    }
    expect(rel(j.atr.price, ref.atr14[ref.atr14.length - 1])).toBeLessThan(1e-12);
    const london = ref.rangeH1[0];
    expect(j.rangeByHour.zone).toBe('Europe/London');
    j.rangeByHour.buckets.forEach((b: { bars: number; pips: number | null }, h: number) => {
      expect(b.bars).toBe(london.hourCount[h]);
      if (london.hourPips[h] === null) expect(b.pips).toBeNull();
      else expect(rel(b.pips!, london.hourPips[h])).toBeLessThan(1e-10);
    });
    j.rangeByWeekday.buckets.forEach((b: { bars: number; pips: number | null }, d: number) => {
      expect(b.bars).toBe(ref.rangeD1.weekdayCount[d]);
      if (ref.rangeD1.weekdayPips[d] !== null) expect(rel(b.pips!, ref.rangeD1.weekdayPips[d])).toBeLessThan(1e-10);
    });
    expect(j.garch.conditioning).toMatch(/tseries/);
  });
  it('table: factor stated, GARCH on the full ECB history, closes-only data says what it cannot do', async () => {
    const out = await ok(['vol', 'USD/JPY', '--data', ecb, '--end', '2019-12-31', '--window', '500']);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^Volatility · USD\/JPY · 500 D1 bars \d{4}-\d{2}-\d{2} → 2019-12-31 · annualised × √260 \(FX: 260 trading days a year\)$/);
    expect(out).toMatch(/closes only/);
    expect(out).toMatch(/GARCH\(1,1\) · Gaussian QML/);
  });
  it('csv: long format with a header', async () => {
    const rows = (await ok(['vol', 'EUR/USD', '--data', eurusdM1, '--format', 'csv'])).trim().split('\n');
    expect(rows[0]).toBe('section,item,count,sigma,annualised,pips,percent');
    expect(rows.some((r) => r.startsWith('hour,8,'))).toBe(true);
    expect(rows.some((r) => r.startsWith('estimator,Yang–Zhang,'))).toBe(true);
  });
  it('bad input: too little history, unknown zone, constant series', async () => {
    await bad(['vol', 'EUR/USD', '--data', ecb, '--end', '1999-01-05'], /too little history for --window 260: 2 D1 bar/);
    await bad(['vol', 'EUR/USD', '--data', ecb, '--zone', 'Mars/Base'], /--zone: unknown time zone "Mars\/Base"/);
    const dir = mkdtempSync(join(tmpdir(), 'soukan-vol-'));
    const flat = join(dir, 'flat.csv');
    writeFileSync(flat, 'time,symbol,value\n' + Array.from({ length: 40 }, (_, i) => `2020-01-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00Z,EUR/USD,1.1`).sort().join('\n') + '\n');
    await bad(['vol', 'EUR/USD', '--data', flat, '--input', 'csv-long', '--timeframe', 'H1', '--window', 'all'], /constant/);
  });
});

describe('soukan move', () => {
  const ref = move.cases.find((c: { pair: string; horizon: { ms?: number } }) => c.pair === 'EURUSD' && c.horizon.ms === 600 * 60_000);
  it('json on HistData EUR/USD M1: counts equal the brute-force NumPy scan for 600 minutes (move.gen.py)', async () => {
    const j = JSON.parse(await ok(['move', 'EURUSD', '--data', eurusdM1, '--threshold', ref.pips.join(','), '--horizon', '600m', '--format', 'json']));
    expect(j).toMatchObject({ symbol: 'EUR/USD', pip: 0.0001, timeframe: 'M1', bars: 371635 });
    const h = j.horizons[0];
    expect(h.windows).toBe(ref.rows[0].windows);
    h.rows.forEach((row: { up: { hits: number; low: number }; down: { hits: number }; either: { hits: number }; brownian: number }, k: number) => {
      expect(row.up.hits).toBe(ref.rows[k].up.hits);
      expect(row.down.hits).toBe(ref.rows[k].down.hits);
      expect(row.either.hits).toBe(ref.rows[k].either.hits);
      expect(rel(row.up.low, ref.rows[k].up.lower)).toBeLessThan(1e-12);
      expect(rel(row.brownian, ref.rows[k].brownian)).toBeLessThan(1e-10);
    });
  });
  it('ladder table: horizons × thresholds, Wilson intervals and the Brownian column', async () => {
    const out = await ok(['move', 'EUR/USD', '--data', eurusdM1, '--ladder', '--threshold', '20,50', '--horizon', '1h,10h']);
    expect(out.split('\n')[0]).toBe('Move probability · EUR/USD · 371,635 bars (M1) 2017-01-02T07:00Z → 2017-12-29T21:57Z · pip 0.0001');
    expect(out).toMatch(/^1h\s+20\s+[\d.]+% \[[\d.]+%–[\d.]+%\]/m);
    expect(out).toMatch(/^\s+50\s+12\.8% \[12\.7%–12\.9%\]/m);
    expect(out).toMatch(/Brownian/);
  });
  it('ladder table: tiny probabilities print as <0.01%, never an exponent, and the >1000 cap is explained (move.gen.py, 1 hour)', async () => {
    const ref = move.cases.find((c: { pair: string; horizon: { ms?: number } }) => c.pair === 'EURUSD' && c.horizon.ms === 3_600_000);
    const out = await ok(['move', 'EUR/USD', '--data', eurusdM1, '--ladder', '--threshold', ref.pips.join(','), '--horizon', '1h']);
    expect(out).not.toMatch(/\de-\d/);
    const rows = out.split('\n').filter((l) => /^\d+\s+\S+%/.test(l));
    expect(rows.length).toBe(ref.pips.length);
    ref.rows.forEach((r: { brownian: number; up: { share: number } }, k: number) => {
      const cells = rows[k]!.trim().split(/\s{2,}/);
      const brownian = cells[cells.length - 2]!;
      const upBm = cells[cells.length - 1]!;
      // NumPy/SciPy Brownian values: 5.1e-13 is below what two decimals of a percent show
      if (r.brownian < 1e-4) expect(brownian).toBe('<0.01%');
      else expect(brownian).toMatch(/^\d+\.\d{1,2}%$/);
      if (r.up.share / r.brownian > 1000) expect(upBm).toBe('>1000');
      else expect(Number(upBm)).toBeCloseTo(r.up.share / r.brownian, 2);
    });
    expect(ref.rows.some((r: { brownian: number; up: { share: number } }) => r.up.share / r.brownian > 1000)).toBe(true);
    expect(out).toMatch(/^up\/BM >1000: the Brownian estimate is vanishingly small there .*the exact ratio is in --format json\/csv$/m);
  });
  it('csv and daily closes-only data', async () => {
    const rows = (await ok(['move', 'USD/JPY', '--data', ecb, '--threshold', '100', '--horizon', '5b', '--end', '2019-12-31', '--days', '3650', '--format', 'csv'])).trim().split('\n');
    expect(rows[0]).toBe('horizon,threshold_pips,windows,up_hits,up_share,up_low,up_high,down_hits,down_share,down_low,down_high,either_share,brownian');
    expect(rows[1]).toMatch(/^5 bars,100,\d+,/);
  });
  it('bad input: threshold ≤ 0, bad horizon, horizon longer than the history or shorter than a bar', async () => {
    await bad(['move', 'EUR/USD', '--data', ecb, '--threshold', '0'], /--threshold must be positive pip counts/);
    await bad(['move', 'EUR/USD', '--data', ecb, '--threshold', '-20'], /--threshold/);
    await bad(['move', 'EUR/USD', '--data', ecb, '--threshold', '20', '--horizon', '10 parsecs'], /--horizon: expected durations such as 10h/);
    await bad(['move', 'EUR/USD', '--data', ecb, '--threshold', '20', '--horizon', '50b', '--days', '30'], /too little history for --horizon 50b/);
    await bad(['move', 'EUR/USD', '--data', ecb, '--threshold', '20', '--horizon', '10h'], /--horizon 10h is shorter than one bar of this data \(bars every 1d\)/);
    await bad(['move', 'EUR/USD', '--data', ecb], /--threshold is required/);
    await bad(['move', 'EUR/XAU', '--data', ecb, '--threshold', '20'], /unknown symbol EUR\/XAU/);
  });
});

describe('soukan var', () => {
  const e = varRef.pairs['EUR/USD'];
  it('json: one instrument on ECB EUR/USD 2010–2019 equals NumPy/SciPy (var.gen.py) for every method', async () => {
    const j = JSON.parse(await ok(['var', 'EUR/USD', '--data', ecb, '--end', '2019-12-31', '--window', String(e.n), '--confidence', varRef.levels.join(','), '--method', 'historical,normal,cornish-fisher,ewma', '--format', 'json']));
    expect(j).toMatchObject({ subject: 'instrument', returns: e.n, start: '2010-01-05', end: '2019-12-31', account: 'USD' });
    const pick = { historical: e.h1.historical, normal: e.h1.normal, 'cornish-fisher': e.h1.cornishFisher, ewma: e.h1.ewma } as Record<string, { var: number; es: number }[]>;
    for (const r of j.results) {
      const k = varRef.levels.indexOf(r.confidence);
      const want = pick[r.method]![k]!;
      expect(rel(r.var, want.var), `${r.method} ${r.confidence}`).toBeLessThan(1e-9);
      expect(rel(r.es, want.es), `${r.method} ${r.confidence}`).toBeLessThan(1e-9);
      expect(rel(r.varPips, (want.var * j.price) / 0.0001)).toBeLessThan(1e-9);
    }
    expect(j.conventions.quantile).toMatch(/linear/);
  });
  it('backtest: breaches, dates, Kupiec and Christoffersen equal the SciPy computation (backtest.gen.py)', async () => {
    const j = JSON.parse(await ok(['var', 'EUR/USD', '--data', ecb, '--from', backtest.from, '--end', backtest.to, '--backtest', '--backtest-window', String(backtest.window), '--method', 'historical,normal,ewma', '--confidence', '0.95,0.99', '--format', 'json']));
    for (const c of backtest.cases.filter((x: { symbol: string }) => x.symbol === 'EUR/USD')) {
      const b = j.backtest.find((x: { method: string; confidence: number }) => x.method === c.method && x.confidence === c.confidence);
      expect(b.days).toBe(c.n);
      expect(b.breaches).toBe(c.breaches);
      expect(b.breachDates).toEqual(c.breachDates);
      expect(rel(b.kupiec.pValue, c.kupiec.pValue)).toBeLessThan(1e-9);
      expect(rel(b.christoffersen.lr, c.independence.lr)).toBeLessThan(1e-8);
      expect(rel(b.conditionalCoverage.pValue, c.conditionalCoverage.pValue)).toBeLessThan(1e-8);
    }
  });
  it('money: a short position in JPY; a portfolio in USD; Monte Carlo is seeded', async () => {
    const s = JSON.parse(await ok(['var', 'EUR/USD', '-100000', '--data', ecb, '--end', '2019-12-31', '--account', 'JPY', '--method', 'normal', '--confidence', '0.99', '--format', 'json']));
    const r = s.results[0];
    expect(rel(r.varMoney, r.var * s.price * 100000 * 109.56 / 1)).toBeLessThan(0.01); // USD/JPY ≈ 109.56 on 2019-12-31
    const args = ['var', 'EUR/USD', '+100000', 'USD/JPY', '-50000', '--data', ecb, '--end', '2019-12-31', '--method', 'normal,monte-carlo', '--confidence', '0.99', '--format', 'json'];
    const a = JSON.parse(await ok(args));
    const b = JSON.parse(await ok(args));
    expect(a.subject).toBe('portfolio');
    expect(a.results).toEqual(b.results);
    const [n, mc] = a.results;
    expect(rel(mc.varMoney, n.varMoney)).toBeLessThan(0.02);
  });
  it('table: header states position, horizon, window and sign; csv has a header', async () => {
    const out = await ok(['var', 'GBP/USD', '25000', '--data', ecb, '--end', '2019-12-31', '--horizon', '10']);
    expect(out.split('\n')[0]).toMatch(/^VaR \/ ES · GBP\/USD long 25,000 · 10 days · 500 daily log returns \d{4}-\d{2}-\d{2} → 2019-12-31 · losses positive$/);
    expect(out).toMatch(/overlapping 10-day sums/);
    const csv = (await ok(['var', 'EUR/USD', '--data', ecb, '--format', 'csv', '--method', 'normal'])).trim().split('\n');
    expect(csv[0]!.startsWith('section,method,confidence,var,es,var_pips,es_pips,var_money,es_money')).toBe(true);
  });
  it('bad input: confidence outside (0, 1), too little history, unknown method, a portfolio position without amount', async () => {
    await bad(['var', 'EUR/USD', '--data', ecb, '--confidence', '1.5'], /--confidence must be confidence levels in \(0, 1\)/);
    await bad(['var', 'EUR/USD', '--data', ecb, '--confidence', '0'], /--confidence/);
    await bad(['var', 'EUR/USD', '--data', ecb, '--end', '1999-01-20'], /too little history: 12 daily returns/);
    await bad(['var', 'EUR/USD', '--data', ecb, '--method', 'magic'], /--method: expected all or a list/);
    await bad(['var', 'EUR/USD', '+1', 'USD/JPY', '--data', ecb], /position "USD\/JPY" has no amount/);
  });
  it('a backtest the history is too short for is skipped and explained; the VaR figures still equal NumPy/SciPy (var.gen.py)', async () => {
    // 2,558 returns from 2010 to 2019; a 2,540-return forecast window needs 2,570
    const args = ['var', 'EUR/USD', '--data', ecb, '--from', '2010-01-01', '--end', '2019-12-31', '--window', String(e.n), '--confidence', '0.95,0.99', '--method', 'historical,normal', '--backtest', '--backtest-window', '2540'];
    const r = await runCli([...args, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.returns).toBe(e.n);
    expect(j.backtest).toEqual([]);
    expect(j.backtestSkipped).toBe(`no backtest: ${e.n} daily returns; --backtest-window 2540 needs at least 2570 (2540 behind each forecast + 30 forecasts to test); --backtest-window ${e.n - 30} or less would run`);
    for (const x of j.results) {
      const k = varRef.levels.indexOf(x.confidence);
      expect(rel(x.var, e.h1[x.method][k].var), `${x.method} ${x.confidence}`).toBeLessThan(1e-9);
    }
    const t = await runCli(args);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^normal\s|^\s+normal\s/m);
    expect(t.stdout).toContain(`Backtest skipped · ${e.n} daily returns; --backtest-window 2540 needs at least 2570 (2540 behind each forecast + 30 forecasts to test); --backtest-window ${e.n - 30} or less would run`);
    expect(t.stderr).toMatch(/^note: no backtest: /m);
  });
});

describe('soukan exposure', () => {
  const positions = exposure.positions.flatMap((p: { symbol: string; amount: number }) => [p.symbol, String(p.amount)]);
  it('json: net currencies, normal VaR with Euler contributions, historical component ES and the hedge equal NumPy (exposure.gen.py)', async () => {
    // 2018–2019 returns: the window that ends 2019-12-31 and starts after the first 2018 fixing.
    const probe = JSON.parse(await ok(['var', 'EUR/USD', '--data', ecb, '--from', exposure.from, '--end', exposure.to, '--window', 'all', '--method', 'normal', '--format', 'json']));
    for (const account of ['USD', 'JPY']) {
      const a = exposure.accounts[account];
      const args = ['exposure', ...positions, '--data', ecb, '--account', account, '--end', exposure.asOf, '--window', String(probe.returns), '--confidence', '0.95,0.99', '--hedge', 'EUR/USD', '--format', 'json'];
      const j = JSON.parse(await ok([...args, '--mean', 'zero']));
      const js = JSON.parse(await ok(args)); // default: sample mean
      expect(j.asOf).toBe(exposure.asOf);
      for (const c of j.currencies) expect(rel(c.value, a.values[c.currency].value)).toBeLessThan(1e-12);
      expect(Math.abs(j.net)).toBeLessThan(1e-6);
      expect(j.risk.returns).toBe(probe.returns);
      expect(rel(j.risk.sigma, a.sigma)).toBeLessThan(1e-12);
      j.risk.normal.forEach((m: { var: number; es: number; positions: { componentVar: number; marginalVar: number; marginalEs: number }[] }, k: number) => {
        const want = a.normal[k];
        expect(rel(m.var, want.var)).toBeLessThan(1e-12);
        expect(rel(m.es, want.es)).toBeLessThan(1e-12);
        m.positions.forEach((p, i) => {
          expect(rel(p.marginalVar, want.marginalVar[i])).toBeLessThan(1e-7); // vs central differences
          expect(rel(p.componentVar, want.componentVar[i])).toBeLessThan(1e-7);
          expect(rel(p.marginalEs, want.marginalEs[i])).toBeLessThan(1e-7);
        });
        // the sample-mean model differs by exactly the expected P&L, −Σ wᵢ μᵢ
        const drift = m.var - js.risk.normal[k].var;
        expect(Math.abs(js.risk.normal[k].es - (m.es - drift))).toBeLessThan(1e-9 * m.es);
      });
      j.risk.historical.forEach((m: { var: number; es: number; positions: { componentEs: number }[] }, k: number) => {
        const want = a.historical[k];
        expect(rel(m.var, want.var)).toBeLessThan(1e-12);
        expect(rel(m.es, want.es)).toBeLessThan(1e-12);
        m.positions.forEach((p, i) => expect(rel(p.componentEs, want.componentEs[i])).toBeLessThan(1e-10));
      });
      const h = a.hedges.find((x: { symbol: string }) => x.symbol === 'EUR/USD');
      expect(j.hedge.symbol).toBe('EUR/USD');
      expect(rel(j.hedge.amount, h.amount)).toBeLessThan(1e-9);
      expect(rel(j.hedge.sigmaAfter, h.sigmaAfter)).toBeLessThan(1e-9);
    }
  });
  it('table and csv; positions from a CSV and a JSON file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'soukan-pos-'));
    writeFileSync(join(dir, 'p.csv'), 'symbol,amount\nEUR/USD,100000\n# comment\nUSD/CHF,-50k\n');
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ positions: [{ symbol: 'EURUSD', amount: 100000 }, { symbol: 'usd_chf', amount: '-50000' }] }));
    const a = await ok(['exposure', '--positions', join(dir, 'p.csv'), '--data', ecb, '--end', '2019-12-31', '--format', 'csv']);
    const b = await ok(['exposure', '--positions', join(dir, 'p.json'), '--data', ecb, '--end', '2019-12-31', '--format', 'csv']);
    expect(a).toBe(b);
    expect(await ok(['exposure', 'EUR/USD', '+100k', 'USD/CHF=-50k', '--data', ecb, '--end', '2019-12-31', '--format', 'csv'])).toBe(a);
    expect(await ok(['exposure', 'EURUSD 100000', 'USD/CHF', '-50000', '--data', ecb, '--end', '2019-12-31', '--format', 'csv'])).toBe(a);
    expect(a.split('\n')[0]).toBe('section,item,amount,rate,value,confidence,var,es,marginal_var,component_var,share_of_var,component_es_historical,variance_reduction');
    const t = await ok(['exposure', 'EUR/USD', '+100000', 'USD/CHF', '-50000', '--data', ecb, '--end', '2019-12-31']);
    expect(t.split('\n')[0]).toBe('Net currency exposure in USD · rates as of 2019-12-31');
    expect(t).toMatch(/^EUR\s+100,000\s+1\.123400\s+112,340$/m);
    expect(t).toMatch(/Minimum-variance hedge \(best of the pairs held\): (buy|sell) [\d,]+ (EUR\/USD|USD\/CHF)/);
  });
  it('bad input: unknown account currency, a pair with no data, a position without amount, an unreadable file', async () => {
    await bad(['exposure', 'EUR/USD', '+100000', '--data', ecb, '--account', 'XYZ'], /--account XYZ: unknown account currency/);
    await bad(['exposure', 'EUR/USD', '+100000', '--data', ecb, '--account', 'dollars'], /--account: expected a three-letter currency code/);
    await bad(['exposure', 'EUR/USD', '+100000', 'XAU/USD', '10', '--data', ecb], /position "XAU\/USD 10": no data for XAU\/USD/);
    await bad(['exposure', 'EUR/USD', '--data', ecb], /position "EUR\/USD" has no amount/);
    await bad(['exposure', '--positions', '/nonexistent/p.csv', '--data', ecb], /--positions: cannot read/);
    await bad(['exposure', 'EUR/USD', 'lots', '--data', ecb], /not a currency pair: "lots"/);
    await bad(['exposure', 'EUR/USD', '+100000', '--data', ecb, '--confidence', '99'], /--confidence/);
  });
});
