import type { MatrixResponse, Reason } from '../../api/types';
import { cellStyle, EMPTY_FILL, type Scheme } from '../../charts/colors';

/** One cell of a matrix with everything the views show about it. */
export interface Cell {
  readonly i: number;
  readonly j: number;
  readonly a: string;
  readonly b: string;
  readonly r: number | null;
  readonly n: number;
  readonly p: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  readonly reason: Reason;
  /** p below 1 − confidence (the diagonal counts as significant). */
  readonly significant: boolean;
  readonly fill: string;
  readonly text: string;
  /** Hatch line colour of a negative cell (see cellStyle). */
  readonly hatch?: string;
}

/** The cells of a matrix response, row-major, painted by `scheme` (see cellStyle). */
export function matrixCells(m: MatrixResponse, scheme: Scheme): Cell[] {
  const k = m.symbols.length;
  const alpha = 1 - m.ci.level;
  const out: Cell[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const r = m.matrix[i]![j]!;
      const p = m.p[i]![j]!;
      const significant = i === j || (p !== null && p < alpha);
      const style = r === null ? { fill: EMPTY_FILL, text: '#424242', hatch: undefined } : cellStyle(r, scheme, significant);
      out.push({
        i,
        j,
        a: m.symbols[i]!,
        b: m.symbols[j]!,
        r,
        n: m.n[i]![j]!,
        p,
        lo: m.ci.low[i]![j]!,
        hi: m.ci.high[i]![j]!,
        reason: m.reason[i]![j]!,
        significant,
        fill: style.fill,
        text: style.text,
        hatch: style.hatch,
      });
    }
  }
  return out;
}

/** Signed coefficient ×100 as traders read it ("+87", "−42"). */
export function x100(r: number): string {
  const v = Math.round(r * 100);
  return v > 0 ? `+${v}` : v < 0 ? `−${-v}` : '0';
}
