import type { MinimizeResult, Objective } from './types.js';

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Initial simplex edge per coordinate (default 0.1·|x0ᵢ|, or 0.05 where x0ᵢ = 0 — as SciPy). */
  readonly step?: number | ArrayLike<number>;
  /** Iteration limit per run (default 200·dimension). */
  readonly maxIter?: number;
  /** Stop when the simplex's function values span at most fTol·(|f_best| + fTol) (default 1e-12). */
  readonly fTol?: number;
  /** …and its vertices lie within xTol·(|x| + xTol) of the best one in every coordinate (default 1e-10). */
  readonly xTol?: number;
  /** Extra runs restarted from the best point with a fresh simplex while they improve it (default 3). */
  readonly restarts?: number;
}

/**
 * Derivative-free minimisation by the Nelder–Mead simplex (Nelder & Mead
 * 1965) with the dimension-adaptive coefficients of Gao & Han (2012), and
 * restarts: once a run converges, a fresh simplex is built around its best
 * point and the search resumes, until a restart fails to improve the value
 * by more than fTol relative (restarts cure the simplex's known tendency to
 * collapse on a non-stationary point, McKinnon 1998).
 *
 * Non-finite objective values count as +∞, so a region of invalid parameters
 * can be fenced off by returning NaN or Infinity.
 *
 * Complexity: O(d) evaluations per iteration (d + 2 at worst on a shrink step).
 *
 * @example
 *   nelderMead((x) => (x[0]! - 1) ** 2 + (x[1]! + 2) ** 2, [0, 0]).x // ≈ [1, −2]
 */
export function nelderMead(f: Objective, x0: ArrayLike<number>, opts: NelderMeadOptions = {}): MinimizeResult {
  const d = x0.length;
  const maxIter = opts.maxIter ?? 200 * Math.max(1, d);
  const fTol = opts.fTol ?? 1e-12;
  const xTol = opts.xTol ?? 1e-10;
  const maxRestarts = opts.restarts ?? 3;
  let evaluations = 0;
  const fx = (x: Float64Array): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const alpha = 1;
  const beta = 1 + 2 / Math.max(d, 1);
  const gamma = 0.75 - 1 / (2 * Math.max(d, 1));
  const delta = 1 - 1 / Math.max(d, 1);

  const stepOf = (x: Float64Array, i: number): number => {
    const s = opts.step;
    if (typeof s === 'number') return s;
    if (s !== undefined) return s[i]!;
    return x[i] !== 0 ? 0.1 * Math.abs(x[i]!) : 0.05;
  };

  // Simplex vertices and values, reused across restarts.
  const pts: Float64Array[] = Array.from({ length: d + 1 }, () => new Float64Array(d));
  const vals = new Float64Array(d + 1);
  const centroid = new Float64Array(d);
  const xr = new Float64Array(d);
  const xe = new Float64Array(d);
  const xc = new Float64Array(d);

  let best = Float64Array.from(x0);
  let bestF = fx(best);
  let iterations = 0;
  let restarts = 0;
  let converged = false;
  let message = 'iteration limit';

  for (let run = 0; run <= maxRestarts; run++) {
    restarts = run;
    pts[0]!.set(best);
    vals[0] = bestF;
    for (let i = 0; i < d; i++) {
      const p = pts[i + 1]!;
      p.set(best);
      p[i] = p[i]! + stepOf(best, i);
      vals[i + 1] = fx(p);
    }
    let runConverged = false;
    for (let it = 0; it < maxIter; it++) {
      iterations++;
      sortSimplex(pts, vals);
      // Convergence: values and vertices both tight around the best vertex.
      const fSpread = vals[d]! - vals[0]!;
      let xSpread = true;
      for (let k = 1; k <= d && xSpread; k++) {
        for (let i = 0; i < d; i++) {
          if (Math.abs(pts[k]![i]! - pts[0]![i]!) > xTol * (Math.abs(pts[0]![i]!) + xTol)) {
            xSpread = false;
            break;
          }
        }
      }
      if (fSpread <= fTol * (Math.abs(vals[0]!) + fTol) && xSpread) {
        runConverged = true;
        break;
      }
      centroid.fill(0);
      for (let k = 0; k < d; k++) for (let i = 0; i < d; i++) centroid[i] = centroid[i]! + pts[k]![i]! / d;
      const worst = pts[d]!;
      for (let i = 0; i < d; i++) xr[i] = centroid[i]! + alpha * (centroid[i]! - worst[i]!);
      const fr = fx(xr);
      if (fr < vals[0]!) {
        for (let i = 0; i < d; i++) xe[i] = centroid[i]! + beta * (xr[i]! - centroid[i]!);
        const fe = fx(xe);
        if (fe < fr) {
          worst.set(xe);
          vals[d] = fe;
        } else {
          worst.set(xr);
          vals[d] = fr;
        }
        continue;
      }
      if (fr < vals[d - 1]!) {
        worst.set(xr);
        vals[d] = fr;
        continue;
      }
      // Contraction: outside when the reflected point beats the worst, else inside.
      const outside = fr < vals[d]!;
      for (let i = 0; i < d; i++) xc[i] = outside ? centroid[i]! + gamma * (xr[i]! - centroid[i]!) : centroid[i]! - gamma * (centroid[i]! - worst[i]!);
      const fc = fx(xc);
      if (fc < (outside ? fr : vals[d]!)) {
        worst.set(xc);
        vals[d] = fc;
        continue;
      }
      // Shrink towards the best vertex.
      for (let k = 1; k <= d; k++) {
        const p = pts[k]!;
        for (let i = 0; i < d; i++) p[i] = pts[0]![i]! + delta * (p[i]! - pts[0]![i]!);
        vals[k] = fx(p);
      }
    }
    sortSimplex(pts, vals);
    const improved = vals[0]! < bestF - fTol * (Math.abs(bestF) + fTol);
    if (vals[0]! <= bestF) {
      best = Float64Array.from(pts[0]!);
      bestF = vals[0]!;
    }
    converged = runConverged;
    message = runConverged ? 'fTol and xTol' : 'iteration limit';
    if ((run > 0 && !improved && runConverged) || !Number.isFinite(bestF)) break;
  }
  return { x: best, fx: Number.isFinite(bestF) ? bestF : Number.NaN, iterations, evaluations, converged, restarts, message };
}

/** Insertion sort of vertices by value (d is small). */
function sortSimplex(pts: Float64Array[], vals: Float64Array): void {
  for (let i = 1; i < vals.length; i++) {
    const v = vals[i]!;
    const p = pts[i]!;
    let j = i - 1;
    while (j >= 0 && vals[j]! > v) {
      vals[j + 1] = vals[j]!;
      pts[j + 1] = pts[j]!;
      j--;
    }
    vals[j + 1] = v;
    pts[j + 1] = p;
  }
}
