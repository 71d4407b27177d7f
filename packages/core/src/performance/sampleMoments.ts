/**
 * Deviations of the finite values of x from their mean, divided by the largest
 * |deviation| (skewness and kurtosis are scale-free, and this keeps cubes and
 * fourth powers of 1e100-sized values from overflowing).
 */
function centred(x: ArrayLike<number>): { d: Float64Array; n: number } {
  const v: number[] = [];
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]!)) v.push(x[i]!);
  const n = v.length;
  let mean = 0;
  for (const a of v) mean += a / n;
  const d = Float64Array.from(v, (a) => a - mean);
  let big = 0;
  for (const a of d) big = Math.max(big, Math.abs(a));
  if (big > 0 && Number.isFinite(big)) for (let i = 0; i < n; i++) d[i] = d[i]! / big;
  return { d, n };
}

/**
 * Sample skewness, bias-corrected (adjusted Fisher–Pearson G₁ =
 * √(n(n−1))/(n−2) · m₃/m₂^{3/2}, mᵣ the biased central moments) — the
 * convention of pandas `Series.skew()` and Excel `SKEW`. Non-finite values
 * are skipped.
 *
 * O(n). Degenerate input: n < 3 or a constant series gives NaN (pandas
 * returns 0 for a constant series).
 *
 * @example sampleSkewness([1, 2, 3, 10]) // 1.7636… (pandas Series.skew)
 */
export function sampleSkewness(x: ArrayLike<number>): number {
  const { d, n } = centred(x);
  if (n < 3) return Number.NaN;
  let m2 = 0;
  let m3 = 0;
  for (const a of d) {
    m2 += a * a;
    m3 += a * a * a;
  }
  m2 /= n;
  m3 /= n;
  if (m2 === 0) return Number.NaN;
  return ((Math.sqrt(n * (n - 1)) / (n - 2)) * m3) / Math.pow(m2, 1.5);
}

/**
 * Sample excess kurtosis, bias-corrected (G₂ = (n−1)/((n−2)(n−3)) ·
 * ((n+1) g₂ + 6), g₂ = m₄/m₂² − 3) — pandas `Series.kurt()` / Excel `KURT`;
 * 0 for normal data. Non-finite values are skipped.
 *
 * O(n). Degenerate input: n < 4 or a constant series gives NaN.
 *
 * @example sampleExcessKurtosis([1, 2, 3, 10]) // 3.228 (pandas Series.kurt)
 */
export function sampleExcessKurtosis(x: ArrayLike<number>): number {
  const { d, n } = centred(x);
  if (n < 4) return Number.NaN;
  let m2 = 0;
  let m4 = 0;
  for (const a of d) {
    const s = a * a;
    m2 += s;
    m4 += s * s;
  }
  m2 /= n;
  m4 /= n;
  if (m2 === 0) return Number.NaN;
  const g2 = m4 / (m2 * m2) - 3;
  return ((n - 1) / ((n - 2) * (n - 3))) * ((n + 1) * g2 + 6);
}
