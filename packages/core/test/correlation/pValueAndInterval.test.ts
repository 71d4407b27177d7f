import { describe, expect, it } from 'vitest';
import { correlationConfidenceInterval, fisherStandardError, pearsonPValue } from '@soukan/core';

describe('pearsonPValue — the exact t-test of SciPy pearsonr', () => {
  it('SciPy 1.10: pearsonr p for r = 0.3, n = 50 (Beta(24, 24) on [−1, 1])', () => {
    // /usr/bin/python3: 2 * stats.beta(24, 24, loc=-1, scale=2).sf(0.3) = 0.03428618003292995
    expect(Math.abs(pearsonPValue(0.3, 50) / 0.03428618003292995 - 1)).toBeLessThan(1e-12);
  });
  it('keeps relative accuracy at both ends (p ≈ 1 for tiny r, p ≈ 1e-290 for strong r)', () => {
    expect(pearsonPValue(1e-12, 100)).toBeLessThan(1);
    expect(1 - pearsonPValue(1e-12, 100)).toBeGreaterThan(0);
    const tiny = pearsonPValue(0.99, 300);
    expect(tiny).toBeGreaterThan(0);
    expect(tiny).toBeLessThan(1e-200);
  });
  it('edge inputs', () => {
    expect(pearsonPValue(NaN, 10)).toBeNaN();
    expect(pearsonPValue(0.5, NaN)).toBeNaN();
    expect(pearsonPValue(0.5, 1)).toBeNaN();
    expect(pearsonPValue(1, 2)).toBe(1);
    expect(pearsonPValue(1, 10)).toBe(0);
    expect(pearsonPValue(-1, 10)).toBe(0);
    expect(pearsonPValue(1.0000000000000002, 10)).toBe(0);
    expect(pearsonPValue(0, 10)).toBe(1);
    expect(pearsonPValue(Infinity, 10)).toBe(0);
  });
});

describe('correlationConfidenceInterval', () => {
  it('Pearson equals SciPy 1.10 _pearsonr_fisher_ci: r = 0.5, n = 50 → (0.257487860768284, 0.6832563020988135)', () => {
    // /usr/bin/python3: np.tanh(np.arctanh(0.5) ∓ special.ndtri(0.975) / np.sqrt(47))
    const ci = correlationConfidenceInterval(0.5, 50, 'pearson');
    expect(Math.abs(ci.lo - 0.257487860768284)).toBeLessThan(1e-15);
    expect(Math.abs(ci.hi - 0.6832563020988135)).toBeLessThan(1e-15);
  });
  it('Spearman (Bonett–Wright) is wider than Pearson; Kendall uses √(0.437/(n−4))', () => {
    const p = correlationConfidenceInterval(0.5, 50, 'pearson');
    const s = correlationConfidenceInterval(0.5, 50, 'spearman');
    expect(s.hi - s.lo).toBeGreaterThan(p.hi - p.lo);
    expect(fisherStandardError(0.5, 50, 'spearman')).toBeCloseTo(Math.sqrt(1.125 / 47), 15);
    expect(fisherStandardError(0.2, 50, 'kendall')).toBeCloseTo(Math.sqrt(0.437 / 46), 15);
    const k = correlationConfidenceInterval(0.2, 50, 'kendall', 0.9);
    // special.ndtri(0.95) = 1.6448536269514722 (SciPy 1.10)
    expect(k.lo).toBeCloseTo(Math.tanh(Math.atanh(0.2) - 1.6448536269514722 * Math.sqrt(0.437 / 46)), 14);
  });
  it('edge inputs: small n → [−1, 1] (SciPy), r = ±1 → degenerate, NaN and bad levels → NaN', () => {
    expect(correlationConfidenceInterval(0.4, 3, 'pearson')).toEqual({ lo: -1, hi: 1 });
    expect(correlationConfidenceInterval(0.4, 4, 'kendall')).toEqual({ lo: -1, hi: 1 });
    expect(correlationConfidenceInterval(1, 10, 'pearson')).toEqual({ lo: 1, hi: 1 });
    expect(correlationConfidenceInterval(-1, 10, 'spearman')).toEqual({ lo: -1, hi: -1 });
    expect(correlationConfidenceInterval(NaN, 10, 'pearson')).toEqual({ lo: NaN, hi: NaN });
    expect(correlationConfidenceInterval(0.3, 10, 'pearson', 1)).toEqual({ lo: NaN, hi: NaN });
    expect(correlationConfidenceInterval(0.3, 10, 'pearson', 0)).toEqual({ lo: NaN, hi: NaN });
    expect(fisherStandardError(0.3, NaN, 'pearson')).toBeNaN();
    const wide = correlationConfidenceInterval(0.3, 1e150, 'pearson');
    expect(wide.lo).toBeCloseTo(0.3, 14);
  });
});
