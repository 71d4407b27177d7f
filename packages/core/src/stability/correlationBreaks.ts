import { pearson } from '../correlation/pearson.js';
import { fisherZChange } from './fisherZChange.js';

/** One block of a {@link correlationBreaks} scan. */
export interface CorrelationBlock {
  /** Index of the block's first and one past its last observation. */
  readonly start: number;
  readonly stop: number;
  /** Pearson ρ over the block. */
  readonly r: number;
  /** Fisher z of this block against the one before (NaN for the first block). */
  readonly z: number;
  readonly pValue: number;
  /** pValue < level: the correlation changed from the previous block. */
  readonly changed: boolean;
}

/**
 * Regime breaks of a pair's correlation: the observations cut into
 * consecutive, non-overlapping blocks of `window` (aligned to the end, so
 * the last block is the current window and a shorter remainder at the start
 * is left out), Pearson ρ per block, and the Fisher z test of each block
 * against the one before (`fisherZChange`: independent samples,
 * z = (atanh ρ₂ − atanh ρ₁)/√(2/(window − 3)), two-sided normal p). A block
 * whose p is below `level` starts a new regime. Each test is at `level` on
 * its own: over many blocks some breaks are expected by chance (about
 * `level` × blocks when nothing changes).
 *
 * O(n).
 *
 * Degenerate input: a block with a NaN or a constant series has ρ NaN and
 * its tests NaN (never `changed`); fewer than `window` observations give no
 * blocks.
 *
 * @throws RangeError when the lengths differ or `window` is not an integer ≥ 4.
 * @example correlationBreaks(eurusd, gbpusd, 250, 0.05).filter((b) => b.changed).length // 9 (ECB daily log returns 1999–2026, 27 blocks)
 */
export function correlationBreaks(x: Float64Array, y: Float64Array, window: number, level: number): CorrelationBlock[] {
  if (x.length !== y.length) throw new RangeError(`correlationBreaks: series lengths differ (${x.length} vs ${y.length})`);
  if (!Number.isInteger(window) || window < 4) throw new RangeError(`correlationBreaks: window must be an integer ≥ 4, got ${window}`);
  const n = x.length;
  const blocks: CorrelationBlock[] = [];
  const first = n % window;
  let prev = Number.NaN;
  for (let start = first; start + window <= n; start += window) {
    const stop = start + window;
    const r = pearson(x.subarray(start, stop), y.subarray(start, stop));
    const t = blocks.length === 0 ? { z: Number.NaN, pValue: Number.NaN } : fisherZChange(r, window, prev, window);
    blocks.push({ start, stop, r, z: t.z, pValue: t.pValue, changed: t.pValue < level });
    prev = r;
  }
  return blocks;
}
