import { logGamma } from './logGamma.js';

/**
 * Regularised upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a), by the
 * power series of P(a, x) when x < a + 1 and Lentz's continued fraction for
 * Q otherwise (Press et al., Numerical Recipes, 3rd ed., §6.2; Abramowitz &
 * Stegun 6.5.29 and 6.5.31), so neither branch suffers 1 − P cancellation
 * where it is used. Relative accuracy ~1e-14.
 *
 * O(√a) terms typically.
 *
 * Degenerate input: a ≤ 0 or NaN → NaN; x ≤ 0 → 1; x = +∞ → 0.
 *
 * @example regularizedGammaQ(1, 2) // 0.1353352832366127 (= e⁻²)
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  const lead = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let k = 0; k < 10_000; k++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-16) break;
    }
    return 1 - sum * Math.exp(lead);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(lead) * h;
}
