import type { PairMoments, ReturnKind, Timeframe, Window } from '@soukan/core';

/**
 * The sufficient statistics a store is asked for: those of the frame a
 * correlation matrix of `symbols` at `timeframe` is computed on (see
 * `frameMomentsSql`). Plain data (crosses thread boundaries).
 */
export interface MomentsRequest {
  /** Canonical symbols, in the matrix's order. */
  readonly symbols: readonly string[];
  readonly timeframe: Timeframe;
  readonly align: 'inner' | 'pairwise';
  readonly on: 'returns' | 'levels';
  readonly returns: ReturnKind;
  readonly window: Window;
}

/** A store's answer to a {@link MomentsRequest}: every pair's statistics, and the window of the frame they were taken on. */
export interface FrameMoments {
  readonly pairs: PairMoments;
  /** Rows of the frame in the window (returns, or levels). */
  readonly rows: number;
  /** First and last time of those rows (UTC ms; NaN when there are none). */
  readonly first: number;
  readonly last: number;
  /** Values missing from those rows (a price that is not positive and finite): the inner frame with gaps is not what the listwise rule computes on. */
  readonly gaps: number;
}

/**
 * A request's key, equal for equal requests.
 *
 * @example momentsKey({ symbols: ['EUR/USD', 'USD/JPY'], timeframe: 'H1', align: 'inner', on: 'returns', returns: 'log', window: { kind: 'last', n: 250 } }) // '["EUR/USD","USD/JPY"] H1 inner returns log {"kind":"last","n":250}'
 */
export function momentsKey(r: MomentsRequest): string {
  return `${JSON.stringify(r.symbols)} ${r.timeframe} ${r.align} ${r.on} ${r.returns} ${JSON.stringify(r.window)}`;
}

/**
 * The {@link FrameMoments} of `k` series from the columns `frameMomentsSql`
 * returns (Float64Arrays, in `FRAME_MOMENTS_COLUMNS` order). No rows: an
 * empty window.
 *
 * @throws Error when fewer than 14 columns are given.
 * @example frameMomentsOfColumns(columns, 2).pairs.n // Float64Array [n₀₀, n₀₁, n₀₁, n₁₁]
 */
export function frameMomentsOfColumns(columns: readonly Float64Array[], k: number): FrameMoments {
  const [a, b, n, , , caa, cbb, cab, consta, constb, rows, first, last, gaps] = columns;
  if (!a || !b || !n || !caa || !cbb || !cab || !consta || !constb || !rows || !first || !last || !gaps) {
    throw new Error(`frameMomentsOfColumns: expected 14 columns, got ${columns.length}`);
  }
  const kk = k * k;
  const pairs = { k, n: new Float64Array(kk), c: new Float64Array(kk), v: new Float64Array(kk), constant: new Uint8Array(kk) };
  for (let r = 0; r < a.length; r++) {
    const i = a[r]!;
    const j = b[r]!;
    const ij = i * k + j;
    const ji = j * k + i;
    pairs.n[ij] = pairs.n[ji] = n[r]!;
    pairs.c[ij] = pairs.c[ji] = cab[r]!;
    pairs.v[ij] = caa[r]!;
    pairs.v[ji] = cbb[r]!;
    pairs.constant[ij] = consta[r]! ? 1 : 0;
    pairs.constant[ji] = constb[r]! ? 1 : 0;
  }
  const any = a.length > 0;
  return { pairs, rows: any ? rows[0]! : 0, first: any ? first[0]! : NaN, last: any ? last[0]! : NaN, gaps: any ? gaps[0]! : 0 };
}
