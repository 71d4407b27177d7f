/**
 * Running sums that values enter and leave, each kept as a pair (sum,
 * compensation) updated by Knuth's branch-free TwoSum: the rounding error
 * of every addition is carried in the compensation, so adding a value and
 * later subtracting it leaves no residue beyond the compensation's own
 * rounding (≈ ε² of the sums' magnitude). This is what lets a sliding window
 * be updated forever without re-summing it.
 * Reference: Knuth, TAOCP vol. 2, 4.2.2, Theorem B; Ogita, Rump & Oishi,
 * "Accurate sum and dot product", SIAM J. Sci. Comput. 26(6), 2005.
 *
 * @example const s = new CompensatedSums(1); s.add(0, 1e16); s.add(0, 1); s.add(0, -1e16); s.value(0) // 1
 */
export class CompensatedSums {
  readonly sum: Float64Array;
  readonly comp: Float64Array;

  constructor(n: number) {
    this.sum = new Float64Array(n);
    this.comp = new Float64Array(n);
  }

  /** Adds `v` to sum `q`. */
  add(q: number, v: number): void {
    const s = this.sum[q]!;
    const t = s + v;
    const bp = t - s;
    this.comp[q] = this.comp[q]! + ((s - (t - bp)) + (v - bp));
    this.sum[q] = t;
  }

  /** The compensated value of sum `q`. */
  value(q: number): number {
    return this.sum[q]! + this.comp[q]!;
  }
}
