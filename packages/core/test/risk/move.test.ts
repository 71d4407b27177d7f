import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { moveExtremes, moveLadder, moveProbability, wilsonInterval, type MoveHorizon, type MoveProbability } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';
import { histDataM1 } from './helpers/realData.js';

type Side = { hits: number; share: number; lower: number; upper: number };
type Row = { threshold: number; windows: number; up: Side; down: Side; either: Side; brownian: number; sigmaPerBar: number; horizonBars: number };
const ref = JSON.parse(readFileSync(fixture('packages/core/test/risk/fixtures/move.json'), 'utf8')) as {
  cases: { pair: string; horizon: MoveHorizon; pips: number[]; rows: Row[]; upSample: number[] }[];
};
const rel = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-300));

describe('move probability vs a NumPy/pandas brute-force window scan of HistData 2017 M1 bars (move.gen.py)', () => {
  for (const c of ref.cases) {
    it(`${c.pair} ${JSON.stringify(c.horizon)}: counts exact, Wilson (statsmodels) and Brownian to 1e-12`, async () => {
      const m1 = await histDataM1(c.pair);
      const ext = moveExtremes(m1, c.horizon);
      c.upSample.forEach((v, k) => expect(ext.up[5003 * k]).toBe(v));
      const got = moveProbability(m1, c.rows.map((r) => r.threshold), c.horizon);
      got.forEach((g, k) => checkRow(g, c.rows[k]!));
    });
  }
});

function checkRow(g: MoveProbability, w: Row): void {
  expect(g.windows).toBe(w.windows);
  for (const side of ['up', 'down', 'either'] as const) {
    expect(g[side].hits, `${side} ${w.threshold}`).toBe(w[side].hits);
    expect(g[side].share).toBe(w[side].share);
    expect(rel(g[side].lower, w[side].lower)).toBeLessThan(1e-12);
    expect(rel(g[side].upper, w[side].upper)).toBeLessThan(1e-12);
  }
  expect(rel(g.sigmaPerBar, w.sigmaPerBar)).toBeLessThan(1e-12);
  expect(rel(g.horizonBars, w.horizonBars)).toBeLessThan(1e-12);
  expect(rel(g.brownian, w.brownian)).toBeLessThan(1e-10);
}

/** The slow definition: scan every window. */
function slow(time: number[], high: number[], low: number[], close: number[], h: MoveHorizon): { up: number[]; down: number[] } {
  const n = close.length;
  const up: number[] = [];
  const down: number[] = [];
  for (let i = 0; i < n; i++) {
    let last: number;
    if ('bars' in h) {
      if (i + h.bars > n - 1) break;
      last = i + h.bars;
    } else {
      if (time[i]! + h.ms > time[n - 1]!) break;
      last = i;
      while (last + 1 < n && time[last + 1]! <= time[i]! + h.ms) last++;
    }
    let mx = -Infinity;
    let mn = Infinity;
    for (let j = i + 1; j <= last; j++) {
      mx = Math.max(mx, high[j]!);
      mn = Math.min(mn, low[j]!);
    }
    up.push(last > i ? mx - close[i]! : 0);
    down.push(last > i ? close[i]! - mn : 0);
  }
  return { up, down };
}

const barsArb = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: -20, max: 20 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 })), { minLength: 1, maxLength: 80 })
  .map((rows) => {
    let t = 0;
    let p = 1000;
    const time: number[] = [];
    const high: number[] = [];
    const low: number[] = [];
    const close: number[] = [];
    for (const [dt, dp, hu, ld] of rows) {
      t += dt;
      p += dp;
      time.push(t);
      close.push(p);
      high.push(p + hu);
      low.push(p - ld);
    }
    return { time, high, low, close };
  });

describe('moveExtremes: deque kernel equals the O(n·H) scan on random bars', () => {
  it('bar and time horizons', () => {
    fc.assert(
      fc.property(barsArb, fc.integer({ min: 1, max: 12 }), fc.boolean(), (b, H, byTime) => {
        const h: MoveHorizon = byTime ? { ms: H } : { bars: H };
        const want = slow(b.time, b.high, b.low, b.close, h);
        const got = moveExtremes({ time: Float64Array.from(b.time), high: Float64Array.from(b.high), low: Float64Array.from(b.low), close: Float64Array.from(b.close) }, h);
        expect(got.windows).toBe(want.up.length);
        expect(Array.from(got.up.subarray(0, got.windows))).toEqual(want.up);
        expect(Array.from(got.down.subarray(0, got.windows))).toEqual(want.down);
        for (let i = got.windows; i < got.up.length; i++) expect(got.up[i]).toBeNaN();
      }),
    );
  });
});

describe('moveProbability: laws, ladder and bad input', () => {
  const t = Float64Array.from({ length: 200 }, (_, i) => i * 60_000);
  const close = Float64Array.from({ length: 200 }, (_, i) => 1.1 + 0.001 * Math.sin(i / 7));
  const bars = { time: t, close, high: close.map((c) => c + 0.0002), low: close.map((c) => c - 0.0002) };
  it('shares fall as the threshold rises and rise with the horizon; ladder = single calls', () => {
    const th = [0.0002, 0.0005, 0.001, 0.002];
    const ladder = moveLadder(bars, th, [{ bars: 5 }, { bars: 20 }, { ms: 40 * 60_000 }]);
    for (const row of ladder) for (let k = 1; k < th.length; k++) expect(row[k]!.up.share).toBeLessThanOrEqual(row[k - 1]!.up.share);
    for (let k = 0; k < th.length; k++) expect(ladder[1]![k]!.either.share).toBeGreaterThanOrEqual(ladder[0]![k]!.either.share);
    expect(ladder[1]).toEqual(moveProbability(bars, th, { bars: 20 }));
    for (const p of ladder.flat()) {
      expect(p.either.hits).toBeGreaterThanOrEqual(Math.max(p.up.hits, p.down.hits));
      expect(p.either.hits).toBeLessThanOrEqual(p.up.hits + p.down.hits);
    }
  });
  it('an exact decimal touch counts (1.10020 − 1.10000 reaches 2 pips)', () => {
    const b = { time: Float64Array.of(0, 1), close: Float64Array.of(1.1, 1.1002), high: Float64Array.of(1.1, 1.1002), low: Float64Array.of(1.1, 1.1002) };
    expect(1.1002 - 1.1 >= 2 * 0.0001).toBe(false); // binary rounding would miss it
    expect(moveProbability(b, [2 * 0.0001], { bars: 1 })[0]!.up.hits).toBe(1);
  });
  it('threshold ≤ 0, NaN, horizon longer than the data, empty input → NaN shares, zero counts', () => {
    for (const x of [0, -0.001, NaN, Infinity]) {
      const p = moveProbability(bars, [x], { bars: 5 })[0]!;
      expect(p.windows).toBe(0);
      expect(p.up.share).toBeNaN();
      expect(p.brownian).toBeNaN();
    }
    expect(moveProbability(bars, [0.001], { bars: 500 })[0]!.windows).toBe(0);
    expect(moveProbability(bars, [0.001], { bars: 0 })[0]!.windows).toBe(0);
    expect(moveProbability(bars, [0.001], { ms: -1 })[0]!.windows).toBe(0);
    const e = new Float64Array(0);
    expect(moveProbability({ time: e, high: e, low: e, close: e }, [0.001], { bars: 1 })[0]!.windows).toBe(0);
    const flat = { time: t, close: new Float64Array(200).fill(1), high: new Float64Array(200).fill(1), low: new Float64Array(200).fill(1) };
    const pf = moveProbability(flat, [0.001], { bars: 5 })[0]!;
    expect(pf.up.share).toBe(0);
    expect(pf.brownian).toBeNaN(); // σ = 0: no Brownian estimate
  });
  it('NaN bars are left out of windows', () => {
    const b = { time: Float64Array.of(0, 1, 2), close: Float64Array.of(1, NaN, 1), high: Float64Array.of(1, NaN, 1.5), low: Float64Array.of(1, NaN, 0.5) };
    const ext = moveExtremes(b, { bars: 2 });
    expect(ext.up[0]).toBe(0.5);
    expect(ext.down[0]).toBe(0.5);
  });
});

describe('wilsonInterval', () => {
  it('examples (statsmodels proportion_confint(method="wilson")) and edges', () => {
    const [lo, hi] = wilsonInterval(0, 20);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.1611251580528194, 14);
    const [l2, h2] = wilsonInterval(20, 20);
    expect(h2).toBe(1);
    expect(l2).toBeCloseTo(1 - 0.1611251580528194, 14);
    expect(wilsonInterval(1, 0)).toEqual([NaN, NaN]);
    expect(wilsonInterval(3, 2)).toEqual([NaN, NaN]);
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, u) => {
      const k = Math.floor(u * n);
      const [a, b] = wilsonInterval(k, n);
      expect(a).toBeLessThanOrEqual(k / n + 1e-15);
      expect(b).toBeGreaterThanOrEqual(k / n - 1e-15);
      expect(a).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThanOrEqual(1);
    }));
  });
});
