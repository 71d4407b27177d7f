import { AllPairsSink, type AllPairsOutputOptions, type AllPairsResult } from './allPairsOutput.js';

/** Options of {@link rollingCorrelationAllPairs}. */
export interface RollingAllPairsOptions extends AllPairsOutputOptions {
  /** Minimum complete pairs per window (pandas `min_periods`); default the window. */
  readonly minPeriods?: number;
  /**
   * Bytes allowed for the per-pair window state (6 sums per pair per window
   * row, see the method note); default 64 MiB. Beyond it the pairs are
   * processed in groups, each streaming its own chunks.
   */
  readonly stateBytes?: number;
  /**
   * A faster implementation of the per-chunk sums (the WebAssembly SIMD
   * kernel of `@soukan/data`, `wasmRollingKernel()`); the TypeScript loop
   * is the reference and the fallback. Results are the same to the bit.
   */
  readonly kernel?: RollingKernel;
  /**
   * Only pairs `from … to − 1` (indices as in `pairI`/`pairJ`); the others
   * are not computed, kept or averaged. Default: all. For splitting the
   * pairs between threads.
   */
  readonly pairs?: readonly [number, number];
}

/**
 * Marker a {@link RollingKernel} writes where a window fails the
 * cancellation test (see GUARD) or its product overflows: the caller then
 * decides with the exact path. Not a correlation (those are in [−1, 1]).
 *
 * @internal exported for the WebAssembly kernel in @soukan/data; not a stable API.
 */
export const ROLLING_EXACT = 2;

/**
 * The fast path of {@link rollingCorrelationAllPairs} for one group of
 * pairs: the same block prefix/suffix sums and formula as the TypeScript
 * loop, writing {@link ROLLING_EXACT} where the exact path must decide.
 *
 * @internal exported for the WebAssembly kernel in @soukan/data; not a stable API.
 */
export interface RollingKernel {
  /**
   * Prepares for pairs `pairI/pairJ[g0…g1)` of `columns` (window `W`, at
   * least `need` complete pairs, `anchors[b·k + i]` the shift of series i in
   * block b, `recip[c] = 1/c`). Returns false when it cannot take this job.
   */
  begin(
    columns: readonly ArrayLike<number>[],
    W: number,
    need: number,
    anchors: Float64Array,
    recip: Float64Array,
    pairI: Int32Array,
    pairJ: Int32Array,
    g0: number,
    g1: number,
  ): boolean;
  /**
   * Rows [c0, c1): ρ pair-major (`rho[q·(c1−c0) + t−c0]`, in memory the
   * kernel owns, valid until its next call), and whether any cell may hold
   * ROLLING_EXACT.
   */
  chunk(c0: number, c1: number): { readonly rho: Float64Array; readonly exact: boolean };
  /** Releases what `begin` took. */
  end(): void;
}

/**
 * Below this fraction of Σ(x−K)² (K: the block anchor), a window's centred
 * sum of squares is recomputed exactly by two passes over the window: the
 * window mean is then far from the anchor (> 8 standard deviations) or the
 * series is constant on the pair's rows, and the sums would lose more than
 * 6 bits to cancellation.
 */
const GUARD = 1 / 64;

/**
 * Rolling Pearson correlation of every pair of k series over a trailing
 * window of `window` rows — k(k−1)/2 series like {@link rollingCorrelation}
 * gives for one pair, with the same semantics (pandas 1.5
 * `df.rolling(window, min_periods).corr()` pairwise): a row counts for a pair
 * when both values are finite (NaN and ±∞ are missing); `NaN` while a window
 * holds fewer than `max(minPeriods, 2)` complete pairs, and where either
 * series is constant on the window's complete pairs.
 *
 * Output streams: `onChunk` receives blocks of `chunkRows` × pairs values in
 * time order (a reused buffer), so a year of minute bars for 28 pairs never
 * needs the 80 MB of the full output; `keep` asks for whole per-pair series,
 * and `average` (default on) returns the mean correlation across pairs at
 * each time.
 *
 * Method: O(1) per step and pair, drift-free by construction. Time is cut
 * into blocks of `window` rows; the window ending at t is the tail of the
 * previous block plus the head of the current one. At each block boundary
 * the sums n, Σu, Σv, Σu², Σv², Σuv of the previous block's suffixes are
 * accumulated backwards (O(window) per pair per block, O(1) amortised);
 * within the block a running prefix is added forwards, and each window is
 * suffix + prefix. Nothing is ever subtracted from a running sum, so
 * rounding cannot accumulate across windows (no re-anchoring needed: each
 * window's sums carry only the rounding of its own ≤ window terms), and a
 * large value leaving the window cannot leave residue behind. Values are
 * shifted by an anchor per series — the median of the previous block — so the
 * sums are formed at the scale of the spread, not the level; co-moments come
 * from the shifted sums (Σu² − (Σu)²/n …), with an exact two-pass
 * recomputation where that would cancel (see GUARD). Constant windows are
 * detected exactly (they always fail that cancellation test; then the
 * position of each series' last change decides).
 *
 * Complexity: O(length · k²) time; memory O(k² · window) for the suffix
 * sums (1.9 MB for 8 series and a 1,440-row window; see `stateBytes`) plus
 * the chunk buffer and whatever is kept.
 *
 * Degenerate input: never throws on data; k < 2 gives no pairs; values so
 * large that squared deviations overflow give `NaN`.
 *
 * @param columns - k series of equal length.
 * @param window - window length in rows, an integer ≥ 1.
 * @returns pair indices, kept series and the average.
 * @throws RangeError when lengths differ or an option is invalid.
 * @example
 * const res = rollingCorrelationAllPairs([x, y, z], 60, { keep: true });
 * res.series[0] // = rollingCorrelation(x, y, 60); pair 1 is (x, z), pair 2 (y, z)
 */
export function rollingCorrelationAllPairs(
  columns: readonly ArrayLike<number>[],
  window: number,
  options: RollingAllPairsOptions = {},
): AllPairsResult {
  const fn = 'rollingCorrelationAllPairs';
  const k = columns.length;
  const len = k > 0 ? columns[0]!.length : 0;
  for (let j = 1; j < k; j++) {
    if (columns[j]!.length !== len) throw new RangeError(`${fn}: series ${j} has ${columns[j]!.length} rows, series 0 has ${len}`);
  }
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`${fn}: window must be a positive integer, got ${window}`);
  const minPeriods = options.minPeriods ?? window;
  if (!(minPeriods >= 0)) throw new RangeError(`${fn}: minPeriods must be ≥ 0, got ${minPeriods}`);
  const stateBytes = options.stateBytes ?? 64 * 1024 * 1024;
  if (!(stateBytes > 0)) throw new RangeError(`${fn}: stateBytes must be positive, got ${stateBytes}`);
  const need = Math.max(minPeriods, 2);
  const P = (k * (k - 1)) / 2;
  const [p0, p1] = options.pairs ?? [0, P];
  if (!(Number.isInteger(p0) && Number.isInteger(p1) && p0 >= 0 && p0 <= p1 && p1 <= P)) {
    throw new RangeError(`${fn}: pairs must be [from, to] with 0 ≤ from ≤ to ≤ ${P}, got [${p0}, ${p1}]`);
  }
  const W = window;
  const G = p1 === p0 ? 1 : Math.max(1, Math.min(p1 - p0, Math.floor(stateBytes / (W * 48))));
  const sink = new AllPairsSink(fn, k, len, G, options, [p0, p1]);
  const { pairI, pairJ } = sink.result;
  const buf = sink.buf;
  const chunkRows = sink.chunkRows;

  // Anchors per block and series: the median of (up to 65 evenly spaced of)
  // the previous block's finite values — block 0: its own — robust to a
  // spike that a mean would follow.
  const blocks = Math.ceil(len / W);
  const anchors = new Float64Array(blocks * k);
  {
    const scratch = new Float64Array(65);
    for (let i = 0; i < k; i++) {
      const c = columns[i]!;
      let prev = 0;
      for (let b = 0; b < blocks; b++) {
        const from = (b > 0 ? b - 1 : 0) * W;
        const to = Math.min(from + W, len);
        const step = Math.max(1, Math.floor((to - from) / 64));
        let n = 0;
        for (let q = from; q < to && n < 65; q += step) {
          const v = c[q]!;
          if (v - v === 0) scratch[n++] = v;
        }
        if (n > 0) prev = scratch.subarray(0, n).sort()[n >> 1]!;
        anchors[b * k + i] = prev;
      }
    }
  }

  // Constancy: window [s, t] is constant in series i (on its finite values)
  // iff chg < s, chg being the row of the finite value before i's latest
  // change; chgAt holds it per series for the rows of the current chunk.
  // With the kernel only its exact path needs it, so it is tracked lazily
  // (rows up to `tracked`), for the chunks that have such windows.
  const chgAt = new Float64Array(k * chunkRows);
  // 1/n for the counts a window can hold (a load instead of a division).
  const recip = new Float64Array(W + 1);
  for (let c = 1; c <= W; c++) recip[c] = 1 / c;
  const chg = new Float64Array(k);
  const lastVal = new Float64Array(k);
  const lastRow = new Float64Array(k);
  let tracked = 0;
  const track = (c0: number, c1: number): void => {
    for (let i = 0; i < k; i++) {
      const c = columns[i]!;
      let ch = chg[i]!;
      let lv = lastVal[i]!;
      let lr = lastRow[i]!;
      const o = i * chunkRows - c0;
      for (let t = tracked; t < c1; t++) {
        const v = c[t]!;
        if (v - v === 0) {
          if (lr >= 0 && v !== lv) ch = lr;
          lv = v;
          lr = t;
        }
        if (t >= c0) chgAt[o + t] = ch;
      }
      chg[i] = ch;
      lastVal[i] = lv;
      lastRow[i] = lr;
    }
    tracked = c1;
  };

  for (let g0 = p0; g0 < p1; g0 += G) {
    const g1 = Math.min(p1, g0 + G);
    const Pg = g1 - g0;
    sink.group(g0, Pg);
    // Per pair: running prefix sums of the current block (n, Σu, Σv, Σu², Σv², Σuv)…
    const pre = new Float64Array(Pg * 6);
    // …and suffix sums of the previous block, pair q's row s (1 ≤ s < W) at q·W + s.
    const kernel = options.kernel;
    const useKernel = kernel !== undefined && kernel.begin(columns, W, need, anchors, recip, pairI, pairJ, g0, g1);
    // Suffix sums of the previous block: pair q's row s (1 ≤ s < W) at 6·(q·W + s).
    const suffix = new Float64Array(useKernel ? 0 : W * Pg * 6);
    chg.fill(-1);
    lastVal.fill(NaN);
    lastRow.fill(-1);
    tracked = 0;

    for (let c0 = 0; c0 < len; c0 += chunkRows) {
      const c1 = Math.min(len, c0 + chunkRows);
      if (!useKernel) track(c0, c1);
      let out = buf;
      if (useKernel) {
        const rows = c1 - c0;
        const res = kernel!.chunk(c0, c1);
        out = res.rho;
        if (res.exact) {
          // The windows the kernel left to the exact path.
          track(c0, c1);
          for (let q = 0; q < Pg; q++) {
            const i = pairI[g0 + q]!;
            const j = pairJ[g0 + q]!;
            const o = q * rows - c0;
            for (let t = c0; t < c1; t++) {
              if (out[o + t] !== ROLLING_EXACT) continue;
              const start = t - W + 1 > 0 ? t - W + 1 : 0;
              const oi = i * chunkRows - c0;
              const oj = j * chunkRows - c0;
              const rho = chgAt[oi + t]! < start || chgAt[oj + t]! < start ? NaN : exactWindow(columns[i]!, columns[j]!, start, t);
              out[o + t] = rho > 1 ? 1 : rho < -1 ? -1 : rho;
            }
          }
        }
      } else {
        for (let q = 0; q < Pg; q++) {
          const i = pairI[g0 + q]!;
          const j = pairJ[g0 + q]!;
          rollPairChunk(columns[i]!, columns[j]!, i, j, k, W, need, anchors, chgAt, chunkRows, c0, c1, pre, q, suffix, recip, buf);
        }
      }
      sink.flush(c0, c1 - c0, out);
    }
    if (useKernel) kernel!.end();
  }
  return sink.finish();
}

/**
 * One pair over rows [c0, c1): the kernel of rollingCorrelationAllPairs,
 * kept small so that V8 optimises it as a unit. `pre[6q…6q+5]` carries the
 * pair's prefix sums from chunk to chunk; output goes to `buf[q·(c1−c0) + t−c0]`.
 */
function rollPairChunk(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  i: number,
  j: number,
  k: number,
  W: number,
  need: number,
  anchors: Float64Array,
  chgAt: Float64Array,
  chunkRows: number,
  c0: number,
  c1: number,
  pre: Float64Array,
  q: number,
  suffix: Float64Array,
  recip: Float64Array,
  buf: Float64Array,
): void {
  const oi = i * chunkRows - c0;
  const oj = j * chunkRows - c0;
  const qs = q * W * 6;
  const ob = q * (c1 - c0) - c0;
  let n = pre[q * 6]!;
  let s1 = pre[q * 6 + 1]!;
  let s2 = pre[q * 6 + 2]!;
  let s11 = pre[q * 6 + 3]!;
  let s22 = pre[q * 6 + 4]!;
  let s12 = pre[q * 6 + 5]!;
  let b = Math.floor(c0 / W);
  let ki = anchors[b * k + i]!;
  let kj = anchors[b * k + j]!;
  let r = c0 - b * W;
  for (let t = c0; t < c1; t++, r++) {
    if (r === W) {
      r = 0;
      b++;
    }
    if (r === 0) {
      // New block: new anchors; suffix sums of the previous block, backwards.
      ki = anchors[b * k + i]!;
      kj = anchors[b * k + j]!;
      n = s1 = s2 = s11 = s22 = s12 = 0;
      if (t > 0) {
        for (let s = W - 1; s >= 1; s--) {
          const a0 = x[t - W + s]!;
          const b0 = y[t - W + s]!;
          if (a0 - a0 === 0 && b0 - b0 === 0) {
            const a = a0 - ki;
            const v = b0 - kj;
            n++;
            s1 += a;
            s2 += v;
            s11 += a * a;
            s22 += v * v;
            s12 += a * v;
          }
          const o = qs + s * 6;
          suffix[o] = n;
          suffix[o + 1] = s1;
          suffix[o + 2] = s2;
          suffix[o + 3] = s11;
          suffix[o + 4] = s22;
          suffix[o + 5] = s12;
        }
        n = s1 = s2 = s11 = s22 = s12 = 0;
      }
    }
    const a0 = x[t]!;
    const b0 = y[t]!;
    if (a0 - a0 === 0 && b0 - b0 === 0) {
      const a = a0 - ki;
      const v = b0 - kj;
      n++;
      s1 += a;
      s2 += v;
      s11 += a * a;
      s22 += v * v;
      s12 += a * v;
    }
    let wn = n;
    let w1 = s1;
    let w2 = s2;
    let w11 = s11;
    let w22 = s22;
    let w12 = s12;
    if (t >= W && r + 1 < W) {
      const so = qs + (r + 1) * 6;
      wn += suffix[so]!;
      w1 += suffix[so + 1]!;
      w2 += suffix[so + 2]!;
      w11 += suffix[so + 3]!;
      w22 += suffix[so + 4]!;
      w12 += suffix[so + 5]!;
    }
    let rho = NaN;
    if (wn >= need) {
      const inv = recip[wn]!;
      const v1 = w11 - w1 * w1 * inv;
      const v2 = w22 - w2 * w2 * inv;
      const d = v1 * v2;
      if (v1 > w11 * GUARD && v2 > w22 * GUARD && d < Infinity) {
        rho = (w12 - w1 * w2 * inv) / Math.sqrt(d);
      } else {
        // A constant series gives v ≈ rounding noise, so it always lands
        // here: NaN when it is constant on its own finite values (exact,
        // O(1)), else the exact two-pass decides (also for squares so large
        // that their product overflows).
        const start = t - W + 1 > 0 ? t - W + 1 : 0;
        rho = chgAt[oi + t]! < start || chgAt[oj + t]! < start ? NaN : exactWindow(x, y, start, t);
      }
      rho = rho > 1 ? 1 : rho < -1 ? -1 : rho;
    }
    buf[ob + t] = rho;
  }
  pre[q * 6] = n;
  pre[q * 6 + 1] = s1;
  pre[q * 6 + 2] = s2;
  pre[q * 6 + 3] = s11;
  pre[q * 6 + 4] = s22;
  pre[q * 6 + 5] = s12;
}

/**
 * Two-pass correlation of the complete finite pairs of rows [from, to]:
 * the exact fallback. NaN when either side is constant there, or on overflow.
 */
function exactWindow(x: ArrayLike<number>, y: ArrayLike<number>, from: number, to: number): number {
  let c = 0;
  let sa = 0;
  let sb = 0;
  let a0 = NaN;
  let b0 = NaN;
  let varyA = false;
  let varyB = false;
  for (let s = from; s <= to; s++) {
    const a = x[s]!;
    const b = y[s]!;
    if (a - a === 0 && b - b === 0) {
      if (c === 0) {
        a0 = a;
        b0 = b;
      } else {
        if (a !== a0) varyA = true;
        if (b !== b0) varyB = true;
      }
      sa += a;
      sb += b;
      c++;
    }
  }
  if (!varyA || !varyB) return NaN;
  const ma = sa / c;
  const mb = sb / c;
  let ea = 0;
  let eb = 0;
  let qaa = 0;
  let qbb = 0;
  let qab = 0;
  for (let s = from; s <= to; s++) {
    const a = x[s]!;
    const b = y[s]!;
    if (a - a === 0 && b - b === 0) {
      const da = a - ma;
      const db = b - mb;
      ea += da;
      eb += db;
      qaa += da * da;
      qbb += db * db;
      qab += da * db;
    }
  }
  // Corrected two-pass (Chan, Golub & LeVeque 1983).
  const vaa = qaa - (ea * ea) / c;
  const vbb = qbb - (eb * eb) / c;
  const cab = qab - (ea * eb) / c;
  const d = vaa * vbb;
  const r = cab / (d < Infinity ? Math.sqrt(d) : Math.sqrt(vaa) * Math.sqrt(vbb));
  return r === r && vaa > 0 && vbb > 0 ? r : NaN;
}
