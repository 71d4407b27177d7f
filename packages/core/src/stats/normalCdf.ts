/* eslint-disable no-loss-of-precision -- coefficients quoted digit for digit as published; each
   literal parses to the nearest double, which is what the algorithm was designed with. */
// W. J. Cody's rational Chebyshev coefficients (ACM TOMS 715, SPECFUN,
// routine ANORM), as also used by R's pnorm.
const A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];
const INV_SQRT_2PI = 0.398942280401432677939946059934;
const SQRT_32 = 5.656854249492380195206754896838;
/* eslint-enable no-loss-of-precision */

// exp(-x²/2) without the rounding of squaring a full-precision x: split x at
// a multiple of 1/16 so xs² is exact (Cody's trick).
function gaussTail(x: number, rational: number): number {
  const xs = Math.trunc(x * 16) / 16;
  const del = (x - xs) * (x + xs);
  return Math.exp(-xs * xs * 0.5) * Math.exp(-del * 0.5) * rational;
}

/**
 * Standard normal cumulative distribution function Φ(x) = P(Z ≤ x).
 *
 * Method: W. J. Cody's rational Chebyshev approximations (Cody, "Rational
 * Chebyshev approximations for the error function", Math. Comp. 23, 1969;
 * code: ACM TOMS Algorithm 715, 1993), the algorithm of R's `pnorm`. Three
 * ranges (|x| ≤ 0.674, ≤ √32, beyond); the lower tail is computed directly,
 * never as `1 − Φ(−x)`, so it keeps ~1e-15 *relative* accuracy down to
 * Φ(−37.5) ≈ 5e-308. The upper half is `1 − tail`, accurate in absolute
 * terms; for an upper-tail probability call `normalCdf(-x)`.
 *
 * O(1).
 *
 * Degenerate input: `NaN` → `NaN`; `−∞` → 0; `+∞` → 1; x < −37.5193 → 0,
 * x > 8.2924 → 1 (the doubles nearest the true values).
 *
 * @param x - the quantile.
 * @returns Φ(x).
 * @example normalCdf(1.959963984540054) // 0.975
 * @example normalCdf(-10) // 7.619853024160527e-24
 */
export function normalCdf(x: number): number {
  if (x !== x) return NaN;
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let xnum = 0;
    let xden = 0;
    if (y > 1.1102230246251565e-16) {
      const xsq = x * x;
      xnum = A[4]! * xsq;
      xden = xsq;
      for (let i = 0; i < 3; i++) {
        xnum = (xnum + A[i]!) * xsq;
        xden = (xden + B[i]!) * xsq;
      }
    }
    return 0.5 + (x * (xnum + A[3]!)) / (xden + B[3]!);
  }
  if (y <= SQRT_32) {
    let xnum = C[8]! * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + C[i]!) * y;
      xden = (xden + D[i]!) * y;
    }
    const tail = gaussTail(y, (xnum + C[7]!) / (xden + D[7]!));
    return x > 0 ? 1 - tail : tail;
  }
  if (x > -37.5193 && x < 8.2924) {
    const xsq = 1 / (x * x);
    let xnum = P[5]! * xsq;
    let xden = xsq;
    for (let i = 0; i < 4; i++) {
      xnum = (xnum + P[i]!) * xsq;
      xden = (xden + Q[i]!) * xsq;
    }
    let r = (xsq * (xnum + P[4]!)) / (xden + Q[4]!);
    r = (INV_SQRT_2PI - r) / y;
    const tail = gaussTail(y, r);
    return x > 0 ? 1 - tail : tail;
  }
  return x > 0 ? 1 : 0;
}
