import { GRAM_TILE } from '../gramUpper.js';

/** Columns per `prep` task and per list-sum task. */
export const COLUMN_CHUNK = 16;
/**
 * Masked Pearson falls back to the exact pairwise kernel when a pair's
 * centred sum of squares is below this fraction of the column's total Σz²
 * (the pair rests on a small part of the column, its mean there is far
 * from the column's, or the column is constant on the pair's rows): the
 * product form's rounding error relative to the co-moments grows like
 * Σz²/(centred sum), so this bounds it to ~16·ε·(a few) ≈ 1e-14.
 */
export const MASKED_GUARD = 1 / 16;

/** `v` rounded up to even. */
export function roundEven(v: number): number {
  return v + (v & 1);
}


/** Tiles of the upper triangle of a k × k Gram product. */
export function tiles(k: number): number {
  const t = Math.ceil(k / GRAM_TILE);
  return (t * (t + 1)) / 2;
}
