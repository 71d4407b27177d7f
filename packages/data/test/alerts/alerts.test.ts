// Alert rules on the replayed 2017 HistData M1 closes of eight pairs (each
// bar one quote through the live matrix, window 1,440): the breakdown-band
// rule fires exactly where a plain recomputation from the batch rolling
// correlation says it should; the Fisher rule's evidence is the batch ρ of
// the two windows and its p is below α only from the firing bar; the move
// rule's first alert is where a brute-force scan of the quotes finds the
// first 60-pip move within an hour. Alerts persist once; webhooks POST to a
// local server with retries.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { alignSeries, fisherZChange, frameReturns, rollingCorrelation, type Frame } from '@soukan/core';
import { AlertEngine } from '../../src/alerts/alertEngine.js';
import { AlertLog } from '../../src/alerts/alertLog.js';
import type { Alert, AlertRule } from '../../src/alerts/types.js';
import { deliverWebhook, webhookUrl } from '../../src/alerts/webhook.js';
import { LiveMatrix } from '../../src/feeds/liveMatrix.js';
import { replayQuotes, type ReplaySeries } from '../../src/feeds/replayFeed.js';
import { TickGate } from '../../src/feeds/tickGate.js';
import { newFeedStats } from '../../src/feeds/types.js';
import { readDataset } from '../../src/formats/readDataset.js';
import { TickStore } from '../../src/ticks/tickStore.js';
import { histData, PAIRS, tempDir } from '../store/helpers.js';

const at = tempDir('soukan-alerts-');
const W = 1440;
const RULES: AlertRule[] = [
  { kind: 'breakdown-band', id: 'aud-nzd-band', pair: ['AUD/USD', 'NZD/USD'], k: 4, history: 7200 },
  { kind: 'breakdown-fisher', id: 'eur-gbp-fisher', pair: ['EUR/USD', 'GBP/USD'], window: W, alpha: 1e-12 },
  { kind: 'divergence', id: 'eur-chf-div', pair: ['EUR/USD', 'USD/CHF'], minRho: 0.8, horizon: 60, z: 5 },
  { kind: 'vol-spike', id: 'gbp-vol', symbol: 'GBP/USD', short: 15, ratio: 5 },
  { kind: 'move', id: 'eur-60', symbol: 'EUR/USD', pips: 60, horizonMs: 3_600_000 },
];

let series: ReplaySeries[];
let rets: Frame;
const fired: Alert[] = [];
beforeAll(async () => {
  const ds = await readDataset(PAIRS.map(histData));
  series = ds.series.map((s) => ({ symbol: s.symbol, time: s.time, bid: s.close, ask: s.close }));
  rets = frameReturns(alignSeries(ds.series, { kind: 'pairwise' }).frame);
  const symbols = series.map((s) => s.symbol);
  const m = new LiveMatrix(symbols, { window: W, minPeriods: 1000 });
  const engine = new AlertEngine(m, RULES, (a) => fired.push(a));
  const gate = new TickGate(newFeedStats(), { symbols, maxJumpMs: 7 * 86_400_000 });
  for await (const q of replayQuotes(series)) {
    if (!gate.accept(q)) continue;
    m.push(q);
    engine.push(q);
  }
  m.flush();
}, 180_000);

const col = (s: string): Float64Array => rets.columns[rets.symbols.indexOf(s)]!;
const iso = (t: number): string => new Date(t).toISOString().replace('.000Z', 'Z');

describe('alert rules on real 2017 minute data', () => {
  it('every rule fires at least once', () => {
    for (const r of RULES) expect(fired.some((a) => a.ruleId === r.id)).toBe(true);
  });

  it('breakdown-band fires where ρ first leaves mean ± 4σ of its previous 7,200 values (after 60 clear bars)', () => {
    const rho = rollingCorrelation(col('AUD/USD'), col('NZD/USD'), W, 1000);
    const expected: number[] = [];
    const hist: number[] = [];
    let active = false;
    let clear = 0;
    for (let t = 0; t < rho.length; t++) {
      const r = rho[t]!;
      if (Number.isNaN(r)) continue;
      if (hist.length === 7200) {
        const mean = hist.reduce((a, b) => a + b, 0) / 7200;
        const sd = Math.sqrt(hist.reduce((a, b) => a + (b - mean) ** 2, 0) / 7199);
        const out = Math.abs(r - mean) > 4 * sd;
        if (out) {
          clear = 0;
          if (!active) expected.push(rets.time[t]!);
          active = true;
        } else if (active && ++clear >= 60) active = false;
        hist.shift();
      }
      hist.push(r);
    }
    const got = fired.filter((a) => a.ruleId === 'aud-nzd-band').map((a) => a.time);
    expect(got).toEqual(expected);
    expect(got.length).toBeGreaterThan(0);
  });

  it('breakdown-fisher: its evidence is the batch ρ of the last and previous 1,440 bars, and p < α starts at the firing bar', () => {
    const x = col('EUR/USD');
    const y = col('GBP/USD');
    const rho = rollingCorrelation(x, y, W);
    const alerts = fired.filter((a) => a.ruleId === 'eur-gbp-fisher');
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) {
      const t = rets.time.indexOf(a.time);
      expect(Math.abs((a.evidence.rhoLast as number) - rho[t]!)).toBeLessThan(1e-10);
      expect(Math.abs((a.evidence.rhoPrevious as number) - rho[t - W]!)).toBeLessThan(1e-10);
      expect(fisherZChange(rho[t]!, W, rho[t - W]!, W).pValue).toBeLessThan(1e-12);
      expect(fisherZChange(rho[t - 1]!, W, rho[t - 1 - W]!, W).pValue).toBeGreaterThanOrEqual(1e-12);
    }
  });

  it('move: the first alert is the first 60-pip move within an hour a brute-force scan finds', () => {
    const s = series.find((z) => z.symbol === 'EUR/USD')!;
    let first = NaN;
    let from = 0;
    outer: for (let i = 0; i < s.time.length; i++) {
      while (s.time[from]! < s.time[i]! - 3_600_000) from++;
      for (let j = from; j < i; j++) {
        if (Math.abs(s.bid[i]! - s.bid[j]!) / 0.0001 >= 60) {
          first = s.time[i]!;
          break outer;
        }
      }
    }
    const a = fired.find((z) => z.ruleId === 'eur-60')!;
    expect(iso(a.time)).toBe(iso(first));
    expect(Math.abs(a.evidence.pips as number)).toBeGreaterThanOrEqual(60);
  });

  it('alerts are stored once with their evidence', async () => {
    const store = await TickStore.open(at('a.duckdb'));
    try {
      const log = await AlertLog.on(store.database!);
      for (const a of fired) expect(await log.save(a)).toBe(true);
      for (const a of fired.slice(0, 5)) expect(await log.save(a)).toBe(false);
      const back = await log.list();
      expect(back.length).toBe(fired.length);
      const one = (await log.list('aud-nzd-band'))[0]!;
      expect(one).toEqual(fired.find((a) => a.ruleId === 'aud-nzd-band'));
    } finally {
      await store.close();
    }
  });
});

describe('alert rules: validation and webhook', () => {
  it('a rule naming a symbol the feed does not carry, or a bad parameter, is refused', () => {
    const m = new LiveMatrix(['EUR/USD', 'GBP/USD']);
    expect(() => new AlertEngine(m, [{ kind: 'vol-spike', id: 'x', symbol: 'USD/JPY', short: 5, ratio: 3 }])).toThrow(/alert rule x: USD\/JPY is not among the live symbols/);
    expect(() => new AlertEngine(m, [{ kind: 'breakdown-fisher', id: 'f', pair: ['EUR/USD', 'GBP/USD'], window: 100, alpha: 2 }])).toThrow(/alpha must be in \(0, 1\)/);
    expect(() => webhookUrl('file:///etc/passwd')).toThrow(/http or https/);
  });

  it('POSTs the alert as JSON, retrying a 503', async () => {
    const bodies: string[] = [];
    let calls = 0;
    const server = createServer((req, res) => {
      let b = '';
      req.on('data', (d: Buffer) => (b += d.toString()));
      req.on('end', () => {
        calls++;
        bodies.push(b);
        res.writeHead(calls === 1 ? 503 : 200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = webhookUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
      const a = fired[0]!;
      const r = await deliverWebhook(url, a, { backoffMs: 10 });
      expect(r).toEqual({ delivered: true, status: 200, attempts: 2 });
      expect(JSON.parse(bodies[1]!)).toEqual({ ...a, time: new Date(a.time).toISOString() });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
