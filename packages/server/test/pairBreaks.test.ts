import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { correlationBreaks } from '@soukan/core';
import { ecbProvider, json, testApp } from './helpers.js';
import { fixture } from '../../../test/helpers/sharedData.js';

// The pair page's regime breaks (GET /api/correlation/pair → breaks) against fixtures/pairBreaks.gen.py:
// NumPy corrcoef per block of the rolling window (aligned to the end) and SciPy's normal tail for the
// Fisher z test of each block against the one before, on ECB EUR/USD and GBP/USD daily log returns.

interface Block {
  from: number;
  to: number;
  r: number;
  z: number | null;
  p: number | null;
  changed: boolean;
}
const ref = JSON.parse(readFileSync(fixture('packages/server/test/fixtures/pairBreaks.json'), 'utf8')) as { level: number; cases: { symbols: string[]; window: number; returns: number; blocks: Block[] }[] };

let app: ReturnType<typeof testApp>['app'];
beforeAll(async () => {
  app = testApp(await ecbProvider()).app;
});

describe('regime breaks on the pair page', () => {
  for (const c of ref.cases) {
    it(`${c.symbols.join(' ~ ')}, blocks of ${c.window}: every block, ρ, z, p and verdict as NumPy/SciPy (1e-12)`, async () => {
      const r = await json(app.request(`/api/correlation/pair?symbols=${c.symbols.join(',')}&rolling=${c.window}`));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const b = r.body.breaks;
      expect(b).toMatchObject({ window: c.window, level: ref.level });
      expect(b.blocks).toHaveLength(c.blocks.length);
      c.blocks.forEach((want, i) => {
        const got = b.blocks[i];
        expect(got).toMatchObject({ from: want.from, to: want.to, changed: want.changed });
        expect(Math.abs(got.r - want.r)).toBeLessThan(1e-12);
        if (want.z === null) expect([got.z, got.p]).toEqual([null, null]);
        else {
          expect(Math.abs(got.z - want.z)).toBeLessThan(1e-9);
          expect(Math.abs(got.p - want.p!)).toBeLessThan(1e-12);
        }
      });
      expect(b.blocks.filter((x: Block) => x.changed).length).toBeGreaterThan(0);
    });
  }
});

describe('correlationBreaks edge cases', () => {
  it('too short for a block, a constant block, bad arguments', () => {
    expect(correlationBreaks(Float64Array.of(1, 2, 3), Float64Array.of(1, 2, 4), 4, 0.05)).toEqual([]);
    const x = Float64Array.from({ length: 12 }, (_, i) => (i < 6 ? 1 : Math.sin(i)));
    const y = Float64Array.from({ length: 12 }, (_, i) => Math.cos(i));
    const b = correlationBreaks(x, y, 6, 0.05);
    expect(b.map((k) => [k.start, k.stop])).toEqual([
      [0, 6],
      [6, 12],
    ]);
    expect(Number.isNaN(b[0]!.r)).toBe(true);
    expect(b[1]!.changed).toBe(false);
    expect(() => correlationBreaks(x, y.subarray(1), 6, 0.05)).toThrow(/lengths differ/);
    expect(() => correlationBreaks(x, y, 3, 0.05)).toThrow(/window must be an integer ≥ 4/);
  });
});
