// The sliding-window extreme of the move rule against a brute-force scan of
// the same window, for every draw: times non-decreasing (ties included),
// values on a grid of eighths (repeats frequent, never −0), any horizon, evictions and resets
// interleaved, enough values to grow the ring several times.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WindowExtreme } from '../../src/alerts/windowExtreme.js';

describe('WindowExtreme', () => {
  it('equals a brute-force scan of the window after every push', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dt: fc.integer({ min: 0, max: 5 }), v: fc.integer({ min: -200, max: 200 }).map((k) => k / 8), reset: fc.boolean() }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 0, max: 300 }),
        fc.constantFrom<'min' | 'max'>('min', 'max'),
        (steps, horizon, kind) => {
          const w = new WindowExtreme(kind);
          let t = 0;
          let since = 0; // the brute force looks back to the last reset
          const seen: { t: number; v: number }[] = [];
          for (const s of steps) {
            t += s.dt;
            seen.push({ t, v: s.v });
            if (s.reset && seen.length > 1) {
              w.reset(t, s.v);
              since = seen.length - 1;
            } else {
              w.evictBefore(t - horizon);
              w.push(t, s.v);
            }
            const win = seen.slice(since).filter((x) => x.t >= t - horizon);
            const best = win.reduce((a, x) => (kind === 'min' ? Math.min(a, x.v) : Math.max(a, x.v)), kind === 'min' ? Infinity : -Infinity);
            // Among equal extremes the deque keeps the latest.
            const at = win.filter((x) => x.v === best).at(-1)!.t;
            expect(w.value).toBe(best);
            expect(w.time).toBe(at);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is empty before the first value and after everything left the window', () => {
    const w = new WindowExtreme('max');
    expect([w.length, w.time, w.value]).toEqual([0, NaN, NaN]);
    w.push(0, 1);
    w.push(1, 2);
    w.evictBefore(2);
    expect([w.length, w.time, w.value]).toEqual([0, NaN, NaN]);
  });
});
