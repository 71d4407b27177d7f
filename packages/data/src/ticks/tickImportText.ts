import { formatIsoTime } from '@soukan/core';
import type { TickImportSummary } from './tickStore.js';

const num = (n: number): string => n.toLocaleString('en-US');

/**
 * The end-of-import report of a tick import, one line per series, then the
 * totals and the reader's notes.
 *
 * @example tickImportText(summary, []) // 'EUR/USD (Dukascopy): 266,219 ticks stored, 2019-02-04T00:00Z → 2019-02-05T23:59Z\n266,219 ticks read in 1.2 s (…/s): 266,219 added, 0 replaced\n'
 */
export function tickImportText(s: TickImportSummary, notes: readonly string[]): string {
  const out = s.series.map((x) => `${x.symbol} (${x.source}): ${num(x.rows)} ticks stored, ${Number.isFinite(x.first) ? `${formatIsoTime(x.first)} → ${formatIsoTime(x.last)}` : 'empty'}`);
  const secs = s.elapsedMs / 1000;
  out.push(`${num(s.added)} ticks read in ${secs.toFixed(1)} s (${num(Math.round(s.added / Math.max(secs, 1e-3)))}/s): ${num(s.added)} added, ${num(s.replaced)} replaced (a re-import replaces the ticks of the span it covers)`);
  for (const n of notes) out.push(n);
  return out.join('\n') + '\n';
}
