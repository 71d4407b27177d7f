/**
 * A Householder QR factorisation `A = Q R` of an m×n matrix (m ≥ n), kept in
 * LAPACK's compact form: `R` on and above the diagonal, the Householder
 * vectors (with an implicit leading 1) below it, and their scalars in `tau`.
 * Stored column-major so every reflection walks contiguous memory.
 */
export interface QrFactor {
  readonly m: number;
  readonly n: number;
  /** Column-major m×n: R on/above the diagonal, reflectors below. */
  readonly qr: Float64Array;
  readonly tau: Float64Array;
  /**
   * Numerical rank: columns whose |R_jj| exceeds `max(m, n) · ε · max |R_ii|`.
   * Least-squares solves return `NaN` when `rank < n`.
   */
  readonly rank: number;
}

const EPS = 2.220446049250313e-16;

/** Euclidean norm of `a[from..to)`, scaled so that 1e200-sized entries do not overflow. */
function norm2(a: Float64Array, from: number, to: number): number {
  let big = 0;
  for (let i = from; i < to; i++) {
    const v = Math.abs(a[i]!);
    if (v > big) big = v;
    else if (Number.isNaN(v)) return Number.NaN;
  }
  if (big === 0 || !Number.isFinite(big)) return big;
  let s = 0;
  for (let i = from; i < to; i++) {
    const v = a[i]! / big;
    s += v * v;
  }
  return big * Math.sqrt(s);
}

/**
 * Householder QR of a row-major m×n matrix (the input is not modified).
 *
 * Method: Golub & Van Loan, *Matrix Computations* (4th ed.), Alg. 5.2.1, with
 * LAPACK `dlarfg`'s sign choice (β = −sign(α)‖x‖) so no cancellation occurs.
 * Backward stable; O(2mn² − 2n³/3) flops.
 *
 * Degenerate input: `m < n` factors the first m columns' worth (rank ≤ m);
 * NaN or ±Infinity entries propagate into `qr` (rank counts only finite
 * pivots), never an exception.
 *
 * @example householderQr(Float64Array.of(3, 4), 2, 1).qr[0] // -5 (R₁₁ = −‖(3, 4)‖)
 */
export function householderQr(a: Float64Array, m: number, n: number): QrFactor {
  const qr = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) qr[j * m + i] = a[i * n + j]!;
  const steps = Math.min(m, n);
  const tau = new Float64Array(n);
  for (let j = 0; j < steps; j++) {
    const c = j * m;
    const alpha = qr[c + j]!;
    const xnorm = norm2(qr, c + j + 1, c + m);
    if (xnorm === 0) {
      tau[j] = 0;
      continue;
    }
    const full = alpha === 0 ? xnorm : Math.abs(alpha) * Math.hypot(1, xnorm / alpha);
    const beta = alpha >= 0 ? -full : full;
    tau[j] = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    for (let i = j + 1; i < m; i++) qr[c + i] = qr[c + i]! * scale;
    qr[c + j] = beta;
    const t = tau[j]!;
    // Apply H = I − τ v vᵀ (v₀ = 1) to the remaining columns.
    for (let k = j + 1; k < n; k++) {
      const ck = k * m;
      let s = qr[ck + j]!;
      for (let i = j + 1; i < m; i++) s += qr[c + i]! * qr[ck + i]!;
      s *= t;
      qr[ck + j] = qr[ck + j]! - s;
      for (let i = j + 1; i < m; i++) qr[ck + i] = qr[ck + i]! - s * qr[c + i]!;
    }
  }
  let maxDiag = 0;
  for (let j = 0; j < steps; j++) maxDiag = Math.max(maxDiag, Math.abs(qr[j * m + j]!));
  const tol = Math.max(m, n) * EPS * maxDiag;
  let rank = 0;
  for (let j = 0; j < steps; j++) {
    const d = Math.abs(qr[j * m + j]!);
    if (d > tol && Number.isFinite(d)) rank++;
  }
  return { m, n, qr, tau, rank };
}

/**
 * Overwrites `b` (length m) with `Qᵀ b`. O(mn).
 *
 * @example applyQt(householderQr(Float64Array.of(3, 4), 2, 1), Float64Array.of(3, 4)) // [-5, 0]
 */
export function applyQt(f: QrFactor, b: Float64Array): Float64Array {
  const { m, n, qr, tau } = f;
  const steps = Math.min(m, n);
  for (let j = 0; j < steps; j++) {
    const t = tau[j]!;
    if (t === 0) continue;
    const c = j * m;
    let s = b[j]!;
    for (let i = j + 1; i < m; i++) s += qr[c + i]! * b[i]!;
    s *= t;
    b[j] = b[j]! - s;
    for (let i = j + 1; i < m; i++) b[i] = b[i]! - s * qr[c + i]!;
  }
  return b;
}

/**
 * Solves `R x = z` for the leading `k` components (R from the factor), writing
 * `x` into `out`. O(k²). A zero pivot yields ±Infinity/NaN, never a throw.
 */
export function solveR(f: QrFactor, z: Float64Array, out: Float64Array, k: number = f.n): Float64Array {
  const { m, qr } = f;
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let j = i + 1; j < k; j++) s -= qr[j * m + i]! * out[j]!;
    out[i] = s / qr[i * m + i]!;
  }
  return out;
}

/**
 * Inverse of the leading k×k block of R, as a row-major upper-triangular
 * k×k matrix (zeros below the diagonal). O(k³). Used for `(XᵀX)⁻¹ = R⁻¹R⁻ᵀ`.
 */
export function invertR(f: QrFactor, k: number = f.n): Float64Array {
  const { m, qr } = f;
  const inv = new Float64Array(k * k);
  for (let col = 0; col < k; col++) {
    // Solve R x = e_col; x is zero below `col`.
    for (let i = col; i >= 0; i--) {
      let s = i === col ? 1 : 0;
      for (let j = i + 1; j <= col; j++) s -= qr[j * m + i]! * inv[j * k + col]!;
      inv[i * k + col] = s / qr[i * m + i]!;
    }
  }
  return inv;
}
