import { cellStyle, EMPTY_FILL, type Scheme } from '../charts/colors';
import type { Cell } from '../views/correlation/cells';
import type { LiveMatrixEvent } from './liveApi';

/**
 * Index of pair (i, j), i < j, in an upper triangle listed (0,1), (0,2), …,
 * (1,2), … — the order of `rolling`, `ewm` and `changed` in a matrix event.
 *
 * @example pairIndex(1, 2, 4) // 3
 */
export function pairIndex(i: number, j: number, k: number): number {
  return i * k - (i * (i + 1)) / 2 + (j - i - 1);
}

/**
 * The k × k cells (row-major) of a live matrix event, painted by `scheme`.
 * Live coefficients carry no p-value, so every cell is painted at full
 * strength (the card says so); an undefined coefficient is an empty cell.
 *
 * @example liveCells({ symbols: ['EUR/USD', 'GBP/USD'], rolling: [0.8], … }, 'bands')[1].r // 0.8
 */
export function liveCells(ev: Pick<LiveMatrixEvent, 'symbols' | 'rolling' | 'window'>, scheme: Scheme): Cell[] {
  const k = ev.symbols.length;
  const out: Cell[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const r = i === j ? 1 : (ev.rolling[pairIndex(Math.min(i, j), Math.max(i, j), k)] ?? null);
      const style = r === null ? { fill: EMPTY_FILL, text: '#424242', hatch: undefined } : cellStyle(r, scheme, true);
      out.push({ i, j, a: ev.symbols[i]!, b: ev.symbols[j]!, r, n: ev.window, p: null, lo: null, hi: null, reason: r === null ? 'too-few-observations' : null, significant: true, fill: style.fill, text: style.text, hatch: style.hatch });
    }
  }
  return out;
}
