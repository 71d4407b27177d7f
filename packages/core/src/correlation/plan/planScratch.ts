import { argsortWorkspace, type ArgsortWorkspace } from '../../stats/argsort.js';
import type { RadixWorkspace } from '../argsortRadix.js';
import { kendallCountsBuffer, type KendallCounts } from '../kendallCounts.js';

/** Per-thread scratch, reused across tasks of the same size. */
export interface Scratch {
  readonly rows: number;
  readonly xbuf: Float64Array;
  readonly ybuf: Float64Array;
  readonly rx: Float64Array;
  readonly ry: Float64Array;
  readonly zbuf: Float64Array;
  readonly idx: Int32Array;
  readonly ws: ArgsortWorkspace;
  rw: RadixWorkspace | null;
  readonly counts: KendallCounts;
}

/** From this many values the radix argsort beats the merge sort. */
export const RADIX_FROM = 1024;
let scratch: Scratch | null = null;
export function scratchFor(rows: number): Scratch {
  if (scratch === null || scratch.rows < rows) {
    scratch = {
      rows,
      xbuf: new Float64Array(rows),
      ybuf: new Float64Array(rows),
      rx: new Float64Array(rows),
      ry: new Float64Array(rows),
      zbuf: new Float64Array(rows),
      idx: new Int32Array(rows),
      ws: argsortWorkspace(rows),
      rw: null,
      counts: kendallCountsBuffer(),
    };
  }
  return scratch;
}
