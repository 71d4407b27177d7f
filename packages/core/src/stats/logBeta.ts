import { HALF_LOG_2PI, logGamma, stirlingRemainder } from './logGamma.js';

/**
 * Natural logarithm of the beta function, ln B(a, b) = lnΓ(a) + lnΓ(b) −
 * lnΓ(a+b), for a, b > 0.
 *
 * Method: when the larger argument is ≥ 10 the large lnΓ terms are never
 * formed — their difference is expanded with Stirling's series and
 * `log1p`, as in DiDonato & Morris (ACM TOMS 708, 1992, functions `algdiv`
 * and `betaln`). This keeps ~1e-15 absolute accuracy for a = 5000, b = ½
 * (a Student-t with 10,000 degrees of freedom), where the naive difference
 * of three lnΓ ≈ 4e4 values would lose four digits. Otherwise the three
 * lnΓ values are summed directly (all below lnΓ(20) ≈ 39).
 *
 * O(1).
 *
 * Degenerate input: `NaN` unless a > 0 and b > 0.
 *
 * @example logBeta(0.5, 0.5) // 1.1447298858493955 (ln π = 1.14472988584940017…)
 * @example logBeta(5000, 0.5) // -3.686206652783462 (mpmath: −3.68620665278346029…)
 */
export function logBeta(a: number, b: number): number {
  if (!(a > 0 && b > 0)) return NaN;
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (q === Infinity) return -Infinity;
  if (q < 10) return logGamma(p) + logGamma(q) - logGamma(p + q);
  const s = p + q;
  const r = p / q;
  if (p >= 10) {
    // All three by Stirling; (q−½)ln(q/s) + (p−½)ln(p/s) − ½ln s + ½ln 2π.
    return (
      HALF_LOG_2PI -
      0.5 * Math.log(q) +
      (p - 0.5) * Math.log(p / s) -
      q * Math.log1p(r) +
      stirlingRemainder(p) +
      stirlingRemainder(q) -
      stirlingRemainder(s)
    );
  }
  // lnΓ(q) − lnΓ(q+p) = −(q−½)·log1p(p/q) − p·ln s + p + Δ(q) − Δ(s).
  return logGamma(p) - (q - 0.5) * Math.log1p(r) - p * Math.log(s) + p + stirlingRemainder(q) - stirlingRemainder(s);
}
