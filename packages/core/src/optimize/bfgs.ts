import type { MinimizeResult, Objective } from './types.js';

/** Writes the gradient of the objective at `x` into `g` and returns the objective's value there. */
export type Gradient = (x: Float64Array, g: Float64Array) => number;

/** Options of {@link bfgs}. */
export interface BfgsOptions {
  /** Analytic gradient; default central differences with step ∛ε·max(1, |xᵢ|). */
  readonly gradient?: Gradient;
  /** Iteration limit (default 200·dimension). */
  readonly maxIter?: number;
  /** Stop when max |gᵢ| ≤ gTol·(1 + |f|) (default 1e-8). */
  readonly gTol?: number;
  /** …or when a step changes f by at most fTol·(|f| + fTol) twice running (default 1e-14). */
  readonly fTol?: number;
}

/**
 * Quasi-Newton minimisation by BFGS (Nocedal & Wright, Numerical
 * Optimization, 2nd ed., Alg. 6.1) with the inverse-Hessian update, the
 * Shanno–Phua initial scaling and a backtracking Armijo line search that
 * also backs off from non-finite values. Meant to polish a point found by
 * {@link nelderMead} on a smooth objective.
 *
 * Complexity O(d²) per iteration plus the gradient (2d evaluations when
 * numerical).
 *
 * @example
 *   bfgs((x) => (x[0]! - 3) ** 2 + 10 * (x[1]! - x[0]! ** 2) ** 2, [0, 0]).x // ≈ [3, 9]
 */
export function bfgs(f: Objective, x0: ArrayLike<number>, opts: BfgsOptions = {}): MinimizeResult {
  const d = x0.length;
  const maxIter = opts.maxIter ?? 200 * Math.max(1, d);
  const gTol = opts.gTol ?? 1e-8;
  const fTol = opts.fTol ?? 1e-14;
  let evaluations = 0;
  const value = (x: Float64Array): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const h3 = Math.cbrt(Number.EPSILON);
  const grad: Gradient =
    opts.gradient ??
    ((x, g) => {
      const fx0 = value(x);
      for (let i = 0; i < d; i++) {
        const xi = x[i]!;
        const h = h3 * Math.max(1, Math.abs(xi));
        x[i] = xi + h;
        const fp = value(x);
        x[i] = xi - h;
        const fm = value(x);
        x[i] = xi;
        g[i] = (fp - fm) / (2 * h);
      }
      return fx0;
    });

  const x = Float64Array.from(x0);
  let g = new Float64Array(d);
  let fx = grad(x, g);
  if (opts.gradient) evaluations++;
  const H = identity(d);
  const p = new Float64Array(d);
  const xn = new Float64Array(d);
  let gn = new Float64Array(d);
  const s = new Float64Array(d);
  const y = new Float64Array(d);
  const Hy = new Float64Array(d);
  let iterations = 0;
  let converged = false;
  let message = 'iteration limit';
  let smallSteps = 0;
  let first = true;
  if (!Number.isFinite(fx)) {
    return { x, fx: Number.NaN, iterations, evaluations, converged: false, restarts: 0, message: 'non-finite objective at the start' };
  }
  for (; iterations < maxIter; iterations++) {
    if (maxAbs(g) <= gTol * (1 + Math.abs(fx))) {
      converged = true;
      message = 'gradient';
      break;
    }
    matVec(H, g, p, d);
    let slope = 0;
    for (let i = 0; i < d; i++) {
      p[i] = -p[i]!;
      slope += p[i]! * g[i]!;
    }
    if (!(slope < 0)) {
      // Not a descent direction: fall back to steepest descent.
      resetIdentity(H, d);
      slope = 0;
      for (let i = 0; i < d; i++) {
        p[i] = -g[i]!;
        slope -= g[i]! * g[i]!;
      }
    }
    let step = 1;
    let fn = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < d; i++) xn[i] = x[i]! + step * p[i]!;
      fn = value(xn);
      if (fn <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fn <= fx + 1e-4 * step * slope)) {
      converged = maxAbs(g) <= Math.sqrt(gTol) * (1 + Math.abs(fx));
      message = 'line search failed';
      break;
    }
    fn = grad(xn, gn);
    if (opts.gradient) evaluations++;
    for (let i = 0; i < d; i++) {
      s[i] = xn[i]! - x[i]!;
      y[i] = gn[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (first) {
        // Shanno–Phua: scale the initial inverse Hessian to the curvature seen.
        const scale = sy / dot(y, y);
        for (let i = 0; i < d * d; i++) H[i] = H[i]! * scale;
        first = false;
      }
      matVec(H, y, Hy, d);
      const yHy = dot(y, Hy);
      const rho = 1 / sy;
      // H ← H − ρ(Hy sᵀ + s yᵀH) + (ρ² yᵀHy + ρ) s sᵀ
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
          H[i * d + j] = H[i * d + j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!;
        }
      }
    }
    const change = Math.abs(fx - fn);
    x.set(xn);
    [g, gn] = [gn, g];
    fx = fn;
    if (change <= fTol * (Math.abs(fx) + fTol)) {
      if (++smallSteps >= 2) {
        converged = true;
        message = 'fTol';
        iterations++;
        break;
      }
    } else smallSteps = 0;
  }
  return { x, fx, iterations, evaluations, converged, restarts: 0, message };
}

function identity(d: number): Float64Array {
  const m = new Float64Array(d * d);
  for (let i = 0; i < d; i++) m[i * d + i] = 1;
  return m;
}
function resetIdentity(m: Float64Array, d: number): void {
  m.fill(0);
  for (let i = 0; i < d; i++) m[i * d + i] = 1;
}
function matVec(m: Float64Array, v: Float64Array, out: Float64Array, d: number): void {
  for (let i = 0; i < d; i++) {
    let acc = 0;
    for (let j = 0; j < d; j++) acc += m[i * d + j]! * v[j]!;
    out[i] = acc;
  }
}
function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}
