import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyQt, householderQr, invertR, lstsq, nestedSsr, ols, symmetricEigen } from '@soukan/core';

/** Slow, obviously correct least squares: normal equations by Gauss–Jordan with partial pivoting. */
function slowLstsq(x: number[][], y: number[]): number[] {
  const k = x[0]!.length;
  const a = Array.from({ length: k }, (_, i) => [
    ...Array.from({ length: k }, (_, j) => x.reduce((s, row) => s + row[i]! * row[j]!, 0)),
    x.reduce((s, row, r) => s + row[i]! * y[r]!, 0),
  ]);
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let j = c; j <= k; j++) a[r]![j] = a[r]![j]! - f * a[c]![j]!;
    }
  }
  return a.map((row, i) => row[k]! / row[i]!);
}

// Two-decimal values in [−10, 10]: the slow normal-equations reference squares the
// condition number, so sub-normal entries would test it rather than the QR.
const entry = () => fc.integer({ min: -1000, max: 1000 }).map((v) => v / 100);
const matrix = (m: number, k: number) => fc.array(fc.array(entry(), { minLength: k, maxLength: k }), { minLength: m, maxLength: m });

describe('lstsq / ols', () => {
  it('agree with the normal equations on random well-posed problems', () => {
    fc.assert(
      fc.property(matrix(12, 3), fc.array(entry(), { minLength: 12, maxLength: 12 }), (rows, y) => {
        const x = Float64Array.from(rows.flat());
        const f = householderQr(x, 12, 3);
        fc.pre(f.rank === 3 && Math.abs(f.qr[2 * 12 + 2]!) > 1e-3 * Math.abs(f.qr[0]!));
        const ref = slowLstsq(rows, y);
        const got = lstsq(x, 12, 3, Float64Array.from(y));
        ref.forEach((v, i) => expect(Math.abs(got.coef[i]! - v)).toBeLessThan(1e-7 * Math.max(1, Math.abs(v))));
        const r = ols(x, 12, 3, Float64Array.from(y), false);
        expect(Math.abs(r.ssr - got.ssr)).toBeLessThan(1e-9 * Math.max(1, got.ssr));
        let ssr = 0;
        rows.forEach((row, i) => (ssr += (y[i]! - row.reduce((s, v, j) => s + v * ref[j]!, 0)) ** 2));
        expect(Math.abs(got.ssr - ssr)).toBeLessThan(1e-7 * Math.max(1, ssr));
      }),
      { numRuns: 200 },
    );
  });

  it('ols: simple regression by hand (y = 1 + 2x exactly, then with noise)', () => {
    const x = Float64Array.of(1, 0, 1, 1, 1, 2);
    const fit = ols(x, 3, 2, Float64Array.of(1, 3, 5), true);
    expect(fit.coef[0]).toBeCloseTo(1, 14);
    expect(fit.coef[1]).toBeCloseTo(2, 14);
    expect(fit.rsquared).toBeCloseTo(1, 14);
    const noisy = ols(x, 3, 2, Float64Array.of(1, 2, 4), true);
    // slope 1.5, residuals (1/6, −1/3, 1/6): SSR 1/6, σ² = 1/6, se(slope) = √(σ²/Σ(x − x̄)²) = √(1/12)
    expect(noisy.coef[1]).toBeCloseTo(1.5, 14);
    expect(noisy.ssr).toBeCloseTo(1 / 6, 14);
    expect(noisy.se[1]).toBeCloseTo(Math.sqrt(1 / 12), 14);
    expect(noisy.rsquared).toBeCloseTo(1 - 1 / 6 / (42 / 9), 14);
    expect(lstsq(x, 3, 2, Float64Array.of(1, 2, 4)).coef[0]).toBeCloseTo(5 / 6, 14);
  });

  it('rank deficiency, m < n, NaN and huge magnitudes give NaN or finite answers, never throw', () => {
    const dup = Float64Array.of(1, 1, 2, 2, 3, 3);
    expect(lstsq(dup, 3, 2, Float64Array.of(1, 2, 3)).coef[0]).toBeNaN();
    expect(ols(dup, 3, 2, Float64Array.of(1, 2, 3)).rank).toBe(1);
    expect(lstsq(Float64Array.of(1, 2), 1, 2, Float64Array.of(1)).coef[1]).toBeNaN();
    expect(lstsq(Float64Array.of(1, Number.NaN), 2, 1, Float64Array.of(1, 2)).coef[0]).toBeNaN();
    expect(lstsq(Float64Array.of(1e300, 2e300), 2, 1, Float64Array.of(1e300, 2e300)).coef[0]).toBeCloseTo(1, 14);
    expect(lstsq(new Float64Array(0), 0, 1, new Float64Array(0)).coef[0]).toBeNaN();
    expect(ols(Float64Array.of(1, 1), 2, 1, Float64Array.of(3, 5)).se[0]).toBeCloseTo(1, 14);
    expect(ols(Float64Array.of(1), 1, 1, Float64Array.of(3)).se[0]).toBeNaN(); // no residual df
  });

  it('applyQt preserves norms and invertR inverts R', () => {
    const a = Float64Array.of(2, -1, 0, 1, 3, 1, 4, 0, 2, 1, 1, 1);
    const f = householderQr(a, 4, 3);
    const b = Float64Array.of(1, 2, 3, 4);
    const qb = applyQt(f, b.slice());
    expect(Math.hypot(...qb)).toBeCloseTo(Math.hypot(...b), 13);
    const inv = invertR(f);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let l = i; l < 3; l++) s += f.qr[l * 4 + i]! * inv[l * 3 + j]!; // (R R⁻¹)ᵢⱼ
        expect(s).toBeCloseTo(i === j ? 1 : 0, 13);
      }
    }
  });
});

describe('nestedSsr', () => {
  it('equals separate fits on the first j columns', () => {
    fc.assert(
      fc.property(matrix(15, 4), fc.array(entry(), { minLength: 15, maxLength: 15 }), (rows, y) => {
        const x = Float64Array.from(rows.flat());
        fc.pre(householderQr(x, 15, 4).rank === 4);
        const nested = nestedSsr(x, 15, 4, Float64Array.from(y));
        for (let j = 1; j <= 4; j++) {
          const sub = Float64Array.from(rows.flatMap((r) => r.slice(0, j)));
          const one = lstsq(sub, 15, j, Float64Array.from(y)).ssr;
          expect(Math.abs(nested[j - 1]! - one)).toBeLessThan(1e-9 * Math.max(1, one));
        }
      }),
      { numRuns: 100 },
    );
  });
  it('marks rank-deficient prefixes NaN', () => {
    const x = Float64Array.of(1, 1, 0, 1, 1, 1, 1, 1, 2);
    expect(Array.from(nestedSsr(x, 3, 3, Float64Array.of(1, 2, 4))).map(Number.isNaN)).toEqual([false, true, true]);
  });
});

describe('symmetricEigen', () => {
  it('A v = λ v with orthonormal v, on random symmetric matrices', () => {
    fc.assert(
      fc.property(matrix(5, 5), (rows) => {
        const k = 5;
        const a = new Float64Array(k * k);
        for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) a[i * k + j] = (rows[i]![j]! + rows[j]![i]!) / 2;
        const { values, vectors } = symmetricEigen(a, k);
        for (let c = 0; c < k; c++) {
          for (let i = 0; i < k; i++) {
            let av = 0;
            for (let j = 0; j < k; j++) av += a[i * k + j]! * vectors[j * k + c]!;
            expect(Math.abs(av - values[c]! * vectors[i * k + c]!)).toBeLessThan(1e-10);
          }
          for (let d = 0; d < k; d++) {
            let dot = 0;
            for (let i = 0; i < k; i++) dot += vectors[i * k + c]! * vectors[i * k + d]!;
            expect(Math.abs(dot - (c === d ? 1 : 0))).toBeLessThan(1e-12);
          }
        }
        for (let c = 1; c < k; c++) expect(values[c]!).toBeGreaterThanOrEqual(values[c - 1]!);
      }),
      { numRuns: 100 },
    );
  });
  it('2×2 example, diagonal input, NaN input', () => {
    const e = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
    expect(e.values[0]).toBeCloseTo(1, 15);
    expect(e.values[1]).toBeCloseTo(3, 15);
    expect(Math.abs(e.vectors[1]!)).toBeCloseTo(Math.SQRT1_2, 15);
    expect(Array.from(symmetricEigen(Float64Array.of(5, 0, 0, -1), 2).values)).toEqual([-1, 5]);
    expect(symmetricEigen(Float64Array.of(Number.NaN, 0, 0, 1), 2).values[0]).toBeNaN();
    expect(symmetricEigen(new Float64Array(0), 0).values.length).toBe(0);
  });
});
