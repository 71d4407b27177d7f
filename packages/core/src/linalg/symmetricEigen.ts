/** Eigen-decomposition of a symmetric matrix. */
export interface SymmetricEigen {
  /** Eigenvalues in ascending order. */
  readonly values: Float64Array;
  /**
   * Eigenvectors as the columns of a row-major k×k matrix, in the order of
   * `values`; each has unit length and its largest-magnitude component positive.
   */
  readonly vectors: Float64Array;
}

/**
 * Eigenvalues and eigenvectors of a symmetric row-major k×k matrix (only the
 * upper triangle is read) by the cyclic Jacobi method.
 *
 * Method: Golub & Van Loan (2013) Alg. 8.5.3 with the Rutishauser rotation
 * formulas; converges quadratically, accurate to a few ulps relative to
 * ‖A‖. O(k³) per sweep, usually < 10 sweeps. Meant for the small matrices of
 * total least squares and factor models, not for k in the hundreds.
 *
 * Degenerate input: NaN or ±Infinity entries give all-NaN output.
 *
 * @example symmetricEigen(Float64Array.of(2, 1, 1, 2), 2).values // [1, 3]
 */
export function symmetricEigen(a: Float64Array, k: number): SymmetricEigen {
  const s = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = i; j < k; j++) s[i * k + j] = s[j * k + i] = a[i * k + j]!;
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (const x of s) {
    if (!Number.isFinite(x)) return { values: new Float64Array(k).fill(Number.NaN), vectors: v.fill(Number.NaN) };
  }
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < k; i++) {
      diag += s[i * k + i]! * s[i * k + i]!;
      for (let j = i + 1; j < k; j++) off += s[i * k + j]! * s[i * k + j]!;
    }
    if (off === 0 || off <= 1e-34 * diag) break;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = s[p * k + q]!;
        if (apq === 0) continue;
        const app = s[p * k + p]!;
        const aqq = s[q * k + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let r = 0; r < k; r++) {
          const arp = s[r * k + p]!;
          const arq = s[r * k + q]!;
          s[r * k + p] = c * arp - sn * arq;
          s[r * k + q] = sn * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = s[p * k + r]!;
          const aqr = s[q * k + r]!;
          s[p * k + r] = c * apr - sn * aqr;
          s[q * k + r] = sn * apr + c * aqr;
        }
        s[p * k + q] = s[q * k + p] = 0;
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p]!;
          const vrq = v[r * k + q]!;
          v[r * k + p] = c * vrp - sn * vrq;
          v[r * k + q] = sn * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((x, y) => s[x * k + x]! - s[y * k + y]!);
  const values = Float64Array.from(order, (i) => s[i * k + i]!);
  const vectors = new Float64Array(k * k);
  order.forEach((src, dst) => {
    let big = 0;
    for (let r = 0; r < k; r++) if (Math.abs(v[r * k + src]!) > Math.abs(big)) big = v[r * k + src]!;
    const sign = big < 0 ? -1 : 1;
    for (let r = 0; r < k; r++) vectors[r * k + dst] = sign * v[r * k + src]!;
  });
  return { values, vectors };
}
