import type { CorrelationMethod } from '../types.js';

/**
 * The two tile kernels of the correlation matrix, pluggable so that a
 * faster implementation (the WebAssembly SIMD kernels of `packages/wasm`,
 * wired in by the data layer) can replace the TypeScript ones, which stay
 * the reference. Both must compute exactly what {@link gramUpperTile} and
 * {@link listSums} document.
 *
 * @internal exported for the parallel runner in @soukan/data; not a stable API.
 */
export interface CorrelationKernels {
  gramTile(z: Float64Array, k: number, m: number, out: Float64Array, i0: number, i1: number, j0: number, j1: number): void;
  listSums(zt: Float64Array, w: number, ptr: Int32Array, idx: Int32Array, j0: number, j1: number, a: Float64Array, b: Float64Array): void;
}

/**
 * Typed-array factory for a plan's buffers. The default allocates ordinary
 * arrays; the Node parallel runner passes one backed by `SharedArrayBuffer`
 * so that worker threads fill the same buffers.
 *
 * @internal exported for the parallel runner in @soukan/data; not a stable API.
 */
export interface PlanAllocator {
  /** True when buffers go to other threads: the input columns are then copied into `f64` buffers too. */
  readonly shared?: boolean;
  /**
   * A buffer of `n` elements. `result` buffers end up in the returned
   * matrix and must be fresh; the others are scratch and may be recycled
   * from an earlier plan with any contents (the plan zeroes what it needs).
   */
  f64(n: number, result?: boolean): Float64Array;
  i32(n: number): Int32Array;
  u8(n: number): Uint8Array;
}

/** Reason codes in {@link CorrelationPlan.why}: 0 none, 1 too few observations, 2 constant input. */
export const WHY_NONE = 0;
export const WHY_FEW = 1;
export const WHY_CONSTANT = 2;

/**
 * How the coefficients are formed:
 * - `'gram'`: every column has the same missing rows — one Gram product of
 *   the standardised columns (Pearson, or Spearman on ranks), or Knight's
 *   count per pair on shared sort orders (Kendall);
 * - `'masked'`: Pearson with differing missing rows — the Gram product of
 *   the zero-filled standardised columns plus masked sums (see
 *   {@link listSums}) give each pair's co-moments on its common rows;
 * - `'mixed'`: Spearman/Kendall with differing missing rows — pairs that
 *   share a missing pattern as in `'gram'`, the others one by one on their
 *   common rows (ranks depend on the rows, so there is no product form).
 */
export type PlanMode = 'gram' | 'masked' | 'mixed';

/**
 * Everything a correlation matrix computation needs, in flat typed arrays
 * so that worker threads can share it (structured clone of shared buffers).
 * Built by {@link planCorrelation}; filled by {@link runCorrelationTask} in
 * three phases (`prep`, `products`, `cells`), any task of a phase on any
 * thread once the previous phase is complete; read by
 * {@link finishCorrelation}.
 *
 * @internal exported for the parallel runner in @soukan/data; not a stable API.
 */
export interface CorrelationPlan {
  readonly k: number;
  readonly rows: number;
  readonly method: CorrelationMethod;
  readonly minPeriods: number;
  readonly need: number;
  readonly confidence: number;
  readonly significance: boolean;
  readonly mode: PlanMode;
  /**
   * z row stride: the used rows (`'gram'` mode) or all rows, rounded up to
   * even (zero padding, for 16-byte SIMD loads).
   */
  readonly m: number;
  /** zt row stride and A/B row stride: k rounded up to even. */
  readonly kp: number;
  /**
   * The input columns: the caller's arrays, or copies made by the
   * allocator's {@link PlanAllocator.shared} flag (shared with workers).
   */
  readonly cols: readonly Float64Array[];
  /**
   * 1 where the value is used (finite, and under `'complete'` every column
   * finite), k × rows; empty for Pearson when every column is complete
   * (nothing reads it then: the columns are standardised as they are).
   */
  readonly mask: Uint8Array;
  /** Used values per column. */
  readonly cnt: Int32Array;
  /** Missing-pattern group of each column. */
  readonly group: Int32Array;
  /** Whether the Gram product is needed. */
  readonly needGram: boolean;
  /** Standardised columns (k × m, 0 at missing rows and padding); Pearson/Spearman. */
  readonly z: Float64Array;
  /** 1 when column j varies (standardisation succeeded; Kendall: not constant). */
  readonly ok: Uint8Array;
  /** Σ z and Σ z² per column. */
  readonly s: Float64Array;
  readonly q: Float64Array;
  /** Upper triangle of Z Zᵀ (k × k). */
  readonly gram: Float64Array;
  /** Masked mode: z transposed (rows × kp). */
  readonly zt: Float64Array;
  /** Masked mode: per column, the rows where it is missing (lsub 1) or present (lsub 0), CSR. */
  readonly lptr: Int32Array;
  readonly lidx: Int32Array;
  readonly lsub: Uint8Array;
  /** Masked mode: list sums of z and z² (k × kp), see {@link listSums}. */
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** Masked mode: rows missing in both columns (upper triangle, k × k; filled by the list-sum tasks), or empty when `bits` is used. */
  readonly both: Int32Array;
  /** Masked mode with `both`: the columns missing at each row (CSR by row, columns ascending). */
  readonly atPtr: Int32Array;
  readonly at: Int32Array;
  /** Masked mode, dense missingness: used-row bitsets (k × words). */
  readonly bits: Int32Array;
  readonly words: number;
  /** Kendall: used values per column, their sort permutation and sorted values (k × rows). */
  readonly kv: Float64Array;
  readonly kperm: Int32Array;
  readonly ks: Float64Array;
  /** First row of each `cells` task (length tasks + 1). */
  readonly cellRows: Int32Array;
  /** Results (k × k, symmetric). */
  readonly r: Float64Array;
  readonly n: Float64Array;
  readonly p: Float64Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly why: Uint8Array;
}

/** Phases of a plan, run in this order with a barrier between them. */
export type CorrelationPhase = 'prep' | 'products' | 'cells';
