/**
 * A block of all-pairs correlations handed to `onChunk`: `rows` consecutive
 * times from `start`, for pairs `pairStart … pairStart + pairs − 1` (all
 * pairs, unless the pair state would not fit in memory and the pairs are
 * processed in groups — then each group streams its own chunks, group after
 * group). Pair-major: `rho[q * rows + r]` is the correlation of pair
 * `pairStart + q` at time `start + r`.
 *
 * The buffer is reused for the next chunk: copy what you keep.
 */
export interface AllPairsChunk {
  readonly start: number;
  readonly rows: number;
  readonly pairStart: number;
  readonly pairs: number;
  readonly rho: Float64Array;
}

/** Output options shared by the all-pairs rolling and EWMA correlations. */
export interface AllPairsOutputOptions {
  /** Times per chunk passed to `onChunk` (default 4096). */
  readonly chunkRows?: number;
  /** Streaming output: called for each chunk, in time order within a pair group. */
  readonly onChunk?: (chunk: AllPairsChunk) => void;
  /**
   * Keep the full series of these pairs (indices into `pairI`/`pairJ`), or
   * `true` for every pair (k(k−1)/2 × length doubles). Default: none.
   */
  readonly keep?: boolean | readonly number[];
  /** Compute the per-time average correlation across pairs (default true). */
  readonly average?: boolean;
}

/** What the all-pairs correlations return besides the stream. */
export interface AllPairsResult {
  /** Number of series. */
  readonly k: number;
  /** Number of times. */
  readonly length: number;
  /** Pair p correlates series `pairI[p]` and `pairJ[p]` (i < j; row-major upper triangle: (0,1), (0,2), …, (k−2,k−1)). */
  readonly pairI: Int32Array;
  readonly pairJ: Int32Array;
  /** Kept series by pair index (`null` where not kept). */
  readonly series: (Float64Array | null)[];
  /** Mean over pairs of the finite correlations at each time; `NaN` where none (null when not asked). */
  readonly average: Float64Array | null;
  /** How many pairs entered `average` at each time. */
  readonly averageCount: Int32Array | null;
}

/**
 * Index of pair (i, j), i < j, among k series, in the row-major
 * upper-triangle order the all-pairs correlations use. O(1).
 *
 * @example pairIndex(1, 3, 4) // 4 — pairs of 4 series: (0,1) (0,2) (0,3) (1,2) (1,3) (2,3)
 */
export function pairIndex(i: number, j: number, k: number): number {
  return (i * (2 * k - i - 1)) / 2 + (j - i - 1);
}

/**
 * Collects per-time rows of pair correlations into chunks, kept series and
 * the average, for one pair group.
 *
 * @internal not part of the package API (used inside core).
 */
export class AllPairsSink {
  readonly result: AllPairsResult;
  /** Current chunk, pair-major; the kernel writes `buf[q * rows + row]` (rows of the chunk being filled). */
  readonly buf: Float64Array;
  readonly chunkRows: number;
  private readonly onChunk: ((c: AllPairsChunk) => void) | undefined;
  private readonly sum: Float64Array | null;
  private pairStart = 0;
  private pairs = 0;

  constructor(fn: string, k: number, length: number, groupPairs: number, options: AllPairsOutputOptions, range?: readonly [number, number]) {
    const P = (k * (k - 1)) / 2;
    const [p0, p1] = range ?? [0, P];
    const chunkRows = options.chunkRows ?? 4096;
    if (!Number.isInteger(chunkRows) || chunkRows < 1) throw new RangeError(`${fn}: chunkRows must be a positive integer, got ${chunkRows}`);
    this.chunkRows = Math.min(chunkRows, Math.max(1, length));
    this.onChunk = options.onChunk;
    const pairI = new Int32Array(P);
    const pairJ = new Int32Array(P);
    for (let i = 0, p = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++, p++) {
        pairI[p] = i;
        pairJ[p] = j;
      }
    }
    const series: (Float64Array | null)[] = new Array<Float64Array | null>(P).fill(null);
    const keep = options.keep ?? false;
    // Only pairs in the computed range are kept.
    if (keep === true) for (let p = p0; p < p1; p++) series[p] = new Float64Array(length);
    else if (keep !== false) {
      for (const p of keep) {
        if (!Number.isInteger(p) || p < 0 || p >= P) throw new RangeError(`${fn}: keep lists pair ${p}; pairs are 0…${P - 1}`);
        if (p >= p0 && p < p1) series[p] = new Float64Array(length);
      }
    }
    const avg = options.average ?? true;
    this.sum = avg ? new Float64Array(length) : null;
    this.result = {
      k,
      length,
      pairI,
      pairJ,
      series,
      average: avg ? new Float64Array(length) : null,
      averageCount: avg ? new Int32Array(length) : null,
    };
    this.buf = new Float64Array(this.chunkRows * Math.max(1, groupPairs));
  }

  /** Starts a pair group (pairs `start … start + count − 1`). */
  group(start: number, count: number): void {
    this.pairStart = start;
    this.pairs = count;
  }

  /** Hands on rows `start … start + rows − 1` held (pair-major) in `buf`, or in `src`. */
  flush(start: number, rows: number, src?: Float64Array): void {
    const { pairs, pairStart } = this;
    const buf = src ?? this.buf;
    const { series, averageCount } = this.result;
    for (let q = 0; q < pairs; q++) {
      const s = series[pairStart + q];
      if (s) s.set(buf.subarray(q * rows, (q + 1) * rows), start);
    }
    const sum = this.sum;
    if (sum && averageCount) {
      // Four pairs per pass over the rows: one read-modify-write of the
      // running sum and count per four values.
      let q = 0;
      for (; q + 3 < pairs; q += 4) {
        const o0 = q * rows - start;
        const o1 = o0 + rows;
        const o2 = o1 + rows;
        const o3 = o2 + rows;
        for (let t = start; t < start + rows; t++) {
          let a = 0;
          let c = 0;
          let v = buf[o0 + t]!;
          if (v === v) {
            a += v;
            c++;
          }
          v = buf[o1 + t]!;
          if (v === v) {
            a += v;
            c++;
          }
          v = buf[o2 + t]!;
          if (v === v) {
            a += v;
            c++;
          }
          v = buf[o3 + t]!;
          if (v === v) {
            a += v;
            c++;
          }
          sum[t]! += a;
          averageCount[t]! += c;
        }
      }
      for (; q < pairs; q++) {
        const o = q * rows - start;
        for (let t = start; t < start + rows; t++) {
          const v = buf[o + t]!;
          if (v === v) {
            sum[t]! += v;
            averageCount[t]!++;
          }
        }
      }
    }
    if (this.onChunk) this.onChunk({ start, rows, pairStart, pairs, rho: rows * pairs === buf.length ? buf : buf.subarray(0, rows * pairs) });
  }

  /** Completes the average. */
  finish(): AllPairsResult {
    const { average, averageCount } = this.result;
    if (average && averageCount && this.sum) {
      for (let t = 0; t < average.length; t++) average[t] = averageCount[t]! > 0 ? this.sum[t]! / averageCount[t]! : NaN;
    }
    return this.result;
  }
}
