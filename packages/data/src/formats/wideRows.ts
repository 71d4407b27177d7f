/**
 * The row loop of the wide readers (ECB, H.10, FRED, generic wide CSV): one
 * time and one close price per value column on every line.
 */
import { Fields, isMissing, parseDecimal } from './fields.js';
import { priceProblem, splitRow, type ParseContext, type Problems } from './parser.js';
import { Table } from './table.js';

/** How the data rows of one wide file are laid out. */
export interface WideLayout {
  /** Fields on a data row, time included. */
  readonly width: number;
  /** Field delimiter (one character). */
  readonly delimiter: string;
  /** Accept one extra, empty field at the end (a trailing delimiter, as ECB writes). */
  readonly trailingEmpty: boolean;
  /** Field index of each value column. */
  readonly fields: readonly number[];
  /** Name of each value column in problem reports. */
  readonly labels: readonly string[];
  /**
   * The one text this format writes for a missing value (`N/A`, `ND`), or
   * `undefined` for any marker {@link isMissing} knows. An empty field is
   * always missing.
   */
  readonly missing?: string;
  /** Factor applied to each value column's accepted prices (H.10 multipliers). */
  readonly scale?: readonly number[];
  /** Initial row capacity of the table. */
  readonly capacity: number;
}

/**
 * Splits, checks and stores the data rows of a wide file: a bad field count,
 * date or price is reported through {@link Problems} (thrown, or skipped
 * under `skipBadRows`: the row for a bad count or date, the cell for a bad
 * price); a missing cell is stored as `NaN`.
 *
 * Allocation-free per row; O(fields) per line.
 *
 * @example const w = new WideRows(ctx, problems, layout); if (w.split(s, a, b, 2)) w.add(s, w.day(s, 2, parseIsoDay, 'Date'), 2);
 */
export class WideRows {
  /** Fields of the last line split. */
  readonly f = new Fields();
  /** Rows read so far (`cols[j]` = value column `j`). */
  readonly table: Table;
  private readonly row: Float64Array;

  constructor(
    private readonly ctx: ParseContext,
    private readonly problems: Problems,
    private readonly layout: WideLayout,
  ) {
    this.table = new Table(layout.fields.length, layout.capacity);
    this.row = new Float64Array(layout.fields.length);
  }

  /** Splits `s[a, b)` into {@link f}; `false` after reporting a wrong field count or broken quoting. */
  split(s: string, a: number, b: number, lineNo: number): boolean {
    const L = this.layout;
    return splitRow(this.f, this.problems, s, a, b, lineNo, L.delimiter, L.width, L.trailingEmpty);
  }

  /** Date in field 0 of the split line, via `parse` (→ 00:00 UTC ms); `NaN` after reporting it against `field`. */
  day(s: string, lineNo: number, parse: (s: string, a: number, b: number) => number, field: string): number {
    const f = this.f;
    const t = parse(s, f.start[0]!, f.end[0]!);
    if (Number.isNaN(t)) this.problems.bad('not a date (expected YYYY-MM-DD)', lineNo, field, f.text(s, 0));
    return t;
  }

  /** Reads the value cells of the split line and appends them at time `t`. */
  add(s: string, t: number, lineNo: number): void {
    const { f, row, layout, table } = this;
    const { fields, labels, missing, scale } = layout;
    const k = fields.length;
    for (let j = 0; j < k; j++) {
      const c = fields[j]!;
      const fa = f.start[c]!;
      const fb = f.end[c]!;
      // The format's own marker is matched before parsing: it fills whole
      // columns of ECB history, and a failed parse costs a slice and a regex.
      if (fa === fb || (missing !== undefined && fb - fa === missing.length && s.startsWith(missing, fa))) {
        row[j] = NaN;
        continue;
      }
      const x = parseDecimal(s, fa, fb);
      if (missing === undefined && Number.isNaN(x) && isMissing(s, fa, fb)) {
        row[j] = NaN;
        continue;
      }
      const y = scale === undefined ? x : x * scale[j]!;
      // Checked after scaling: a finite price times a multiplier can still overflow.
      const why = priceProblem(Number.isNaN(x) ? x : y);
      if (why) {
        this.problems.bad(why, lineNo, labels[j], f.text(s, c));
        row[j] = NaN;
      } else row[j] = y;
    }
    const i = table.add(t, lineNo, this.ctx.fileIndex);
    for (let j = 0; j < k; j++) table.cols[j]![i] = row[j]!;
  }
}
