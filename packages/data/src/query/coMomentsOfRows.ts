import type { CoMoments } from '@soukan/core';

/** One pair's (or one series', `a = b`) sufficient statistics in one window. */
export interface WindowMoments {
  /** Series numbers, `a ≤ b`. */
  readonly a: number;
  readonly b: number;
  /** Window number (`floor(t / windowMs)`; 0 for one window over everything). */
  readonly w: number;
  /** Co-moments of the pair's returns (`k = 2`: a then b; for `a = b` both the same). */
  readonly moments: CoMoments;
}

/**
 * Turns the columns `momentsSql` returns (`a, b, w, n, mean_a, mean_b,
 * c_aa, c_bb, c_ab`, as `Float64Array`s) into one {@link WindowMoments} per
 * row, keeping their order.
 *
 * @throws Error when fewer than 9 columns are given.
 * @example coMomentsOfRows([[0], [1], [0], [2], [1], [3], [2], [8], [4]].map((c) => Float64Array.from(c)))[0].moments.c // Float64Array [2, 4, 4, 8]
 */
export function coMomentsOfRows(columns: readonly Float64Array[]): WindowMoments[] {
  const [a, b, w, n, ma, mb, caa, cbb, cab] = columns;
  if (!a || !b || !w || !n || !ma || !mb || !caa || !cbb || !cab) throw new Error(`coMomentsOfRows: expected 9 columns, got ${columns.length}`);
  const out: WindowMoments[] = [];
  for (let r = 0; r < a.length; r++) {
    const c = Float64Array.of(caa[r]!, cab[r]!, cab[r]!, cbb[r]!);
    out.push({ a: a[r]!, b: b[r]!, w: w[r]!, moments: { k: 2, n: n[r]!, mean: Float64Array.of(ma[r]!, mb[r]!), c } });
  }
  return out;
}
