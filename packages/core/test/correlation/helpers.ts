// Test helpers: committed fixtures, slow obviously-correct references, and
// a small Jacobi eigenvalue routine. Nothing here is shipped.
import { readFileSync } from 'node:fs';
import { fixture } from '../../../../test/helpers/sharedData.js';
import { mulberry32 } from '../../../../test/helpers/mulberry32.js';

/** Parse a committed fixture of packages/core/test/fixtures/correlation. */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(fixture(`packages/core/test/fixtures/correlation/${name}`), 'utf8')) as T;
}

/** JSON array (null = NaN) to Float64Array. */
export function f64(a: readonly (number | null)[]): Float64Array {
  return Float64Array.from(a, (v) => (v === null ? NaN : v));
}

/**
 * Worst disagreement between two arrays, as max over i of
 * |a−e| / max(|e|, floor). NaN must match NaN (a mismatch is Infinity).
 * Returns the error and the index, for messages.
 */
export function worst(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 0, skip?: (i: number) => boolean): { err: number; at: number } {
  let err = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    if (skip?.(i)) continue;
    const a = actual[i]!;
    const e = expected[i]!;
    let d: number;
    if (Number.isNaN(e) || Number.isNaN(a)) d = Number.isNaN(e) && Number.isNaN(a) ? 0 : Infinity;
    else if (a === e) d = 0;
    else d = Math.abs(a - e) / Math.max(Math.abs(e), floor);
    if (d > err) {
      err = d;
      at = i;
    }
  }
  return { err, at };
}

/** Seeded PRNG (mulberry32) and a standard normal via Box–Muller. */
export function rng(seed: number): { uniform: () => number; normal: () => number } {
  const uniform = mulberry32(seed);
  const normal = (): number => {
    const u = 1 - uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  return { uniform, normal };
}

// ---------------------------------------------------------------- references

/** Textbook two-pass Pearson on plain numbers. */
export function refPearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** O(n²) average ranks: 1 + #smaller + (#equal − 1)/2. */
export function refRanks(x: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    let less = 0;
    let eq = 0;
    for (let j = 0; j < x.length; j++) {
      if (x[j]! < x[i]!) less++;
      else if (x[j] === x[i]) eq++;
    }
    out.push(1 + less + (eq - 1) / 2);
  }
  return out;
}

export function refSpearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return refPearson(refRanks(x), refRanks(y));
}

/** O(n²) Kendall τ-b and its asymptotic p-value (Kendall 1970, eq. 4.3). */
export function refKendall(x: ArrayLike<number>, y: ArrayLike<number>): { tau: number; p: number } {
  const n = x.length;
  let s = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = Math.sign(x[i]! - x[j]!);
      const b = Math.sign(y[i]! - y[j]!);
      s += a * b;
      if (a === 0) tx++;
      if (b === 0) ty++;
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const tau = s / Math.sqrt((n0 - tx) * (n0 - ty));
  const groups = (v: ArrayLike<number>): number[] => {
    const m = new Map<number, number>();
    for (let i = 0; i < v.length; i++) m.set(v[i]!, (m.get(v[i]!) ?? 0) + 1);
    return [...m.values()].filter((c) => c > 1);
  };
  const gx = groups(x);
  const gy = groups(y);
  const sum = (g: number[], f: (t: number) => number): number => g.reduce((acc, t) => acc + f(t), 0);
  const m = n * (n - 1);
  const v =
    (m * (2 * n + 5) - sum(gx, (t) => t * (t - 1) * (2 * t + 5)) - sum(gy, (t) => t * (t - 1) * (2 * t + 5))) / 18 +
    (2 * sum(gx, (t) => (t * (t - 1)) / 2) * sum(gy, (t) => (t * (t - 1)) / 2)) / m +
    (sum(gx, (t) => t * (t - 1) * (t - 2)) * sum(gy, (t) => t * (t - 1) * (t - 2))) / (9 * m * (n - 2));
  const z = Math.abs(s) / Math.sqrt(v);
  // Two-sided p = 2(1 − Φ(z)) = erfc(z/√2), with an independent erfc.
  return { tau, p: erfcRef(z / Math.SQRT2) };
}

/** erfc by Lentz continued fraction (x > 0.5) or Taylor series of erf; ~1e-14. */
export function erfcRef(x: number): number {
  if (x < 2) {
    let sum = x;
    let term = x;
    for (let k = 1; k < 200; k++) {
      term *= (-x * x) / k;
      const add = term / (2 * k + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(−x²)/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + …))))
  let f = x;
  for (let k = 60; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** Direct rolling correlation: each window recomputed from scratch on its complete finite pairs. */
export function refRolling(x: ArrayLike<number>, y: ArrayLike<number>, w: number, minPeriods: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  for (let t = 0; t < x.length; t++) {
    const a: number[] = [];
    const b: number[] = [];
    for (let s = Math.max(0, t - w + 1); s <= t; s++) {
      if (!Number.isFinite(x[s]!) || !Number.isFinite(y[s]!)) continue; // NaN and ±∞ are missing
      a.push(x[s]!);
      b.push(y[s]!);
    }
    if (a.length < Math.max(minPeriods, 2)) continue;
    if (a.every((v) => v === a[0]) || b.every((v) => v === b[0])) continue;
    out[t] = refPearson(a, b);
  }
  return out;
}

/**
 * Direct exponentially weighted correlation with pandas' adjust=True,
 * ignore_na=False semantics: weight f^(t−s) on each complete finite pair s ≤ t,
 * weighted means, weighted (biased) co-moments. Truncated after `horizon`
 * rows back (f^horizon is negligible).
 */
export function refEwm(x: ArrayLike<number>, y: ArrayLike<number>, f: number, horizon = Infinity): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  for (let t = 0; t < x.length; t++) {
    let sw = 0;
    let sx = 0;
    let sy = 0;
    const s0 = Math.max(0, t - horizon);
    for (let s = s0; s <= t; s++) {
      if (!Number.isFinite(x[s]!) || !Number.isFinite(y[s]!)) continue;
      const w = f ** (t - s);
      sw += w;
      sx += w * x[s]!;
      sy += w * y[s]!;
    }
    if (sw === 0) continue;
    const mx = sx / sw;
    const my = sy / sw;
    let cxy = 0;
    let cxx = 0;
    let cyy = 0;
    for (let s = s0; s <= t; s++) {
      if (!Number.isFinite(x[s]!) || !Number.isFinite(y[s]!)) continue;
      const w = f ** (t - s);
      cxy += w * (x[s]! - mx) * (y[s]! - my);
      cxx += w * (x[s]! - mx) ** 2;
      cyy += w * (y[s]! - my) ** 2;
    }
    out[t] = cxy / Math.sqrt(cxx * cyy);
  }
  return out;
}

/** Eigenvalues of a symmetric k × k matrix by the cyclic Jacobi method. */
export function jacobiEigenvalues(matrix: ArrayLike<number>, k: number): number[] {
  const a = Array.from(matrix);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p * k + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * k + q]! - a[p * k + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p]!;
          const arq = a[r * k + q]!;
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r]!;
          const aqr = a[q * k + r]!;
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
      }
    }
  }
  return Array.from({ length: k }, (_, i) => a[i * k + i]!).sort((u, v) => u - v);
}
