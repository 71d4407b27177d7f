import { describe, expect, it } from 'vitest';
import { gramUpper } from '../../src/correlation/gramUpper.js';
import { rng } from './helpers.js';

describe('gramUpper (blocked 2×4 kernel) equals the naive dot products', () => {
  it('odd and even sizes around the tile (64) and chunk (512) edges', () => {
    const { normal } = rng(1);
    for (const [k, m] of [
      [1, 1],
      [2, 3],
      [3, 513],
      [5, 511],
      [7, 1024],
      [63, 40],
      [64, 2],
      [65, 700],
      [130, 9],
    ] as const) {
      const z = Float64Array.from({ length: k * m }, normal);
      const out = new Float64Array(k * k).fill(-7);
      gramUpper(z, k, m, out);
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          if (j < i) {
            expect(out[i * k + j], 'below the diagonal is untouched').toBe(-7);
            continue;
          }
          let s = 0;
          for (let t = 0; t < m; t++) s += z[i * m + t]! * z[j * m + t]!;
          expect(Math.abs(out[i * k + j]! - s)).toBeLessThan(1e-12 * Math.max(1, Math.sqrt(m)));
        }
      }
    }
  });
  it('k = 0 and m = 0', () => {
    gramUpper(new Float64Array(0), 0, 10, new Float64Array(0));
    const out = new Float64Array(4).fill(3);
    gramUpper(new Float64Array(0), 2, 0, out);
    expect(Array.from(out)).toEqual([0, 0, 3, 0]);
  });
});
