import { parseSymbol } from '@soukan/core';

const PATH = /(?:^|[\\/])([A-Za-z0-9]{6,12})[\\/](\d{4})[\\/](\d{2})[\\/](\d{2})[\\/](\d{2})h_ticks\.bi5$/;

/**
 * Symbol and hour of a Dukascopy tick file path,
 * `…/EURUSD/2019/01/04/10h_ticks.bi5`. **Months in these paths are
 * zero-based** (Dukascopy's datafeed URLs use JavaScript month numbers):
 * `2019/01/04` is 4 February 2019. The hour is UTC.
 *
 * @returns null when the path is not laid out that way (or names no real date/hour).
 * @example dukascopyPath('EURUSD/2019/01/04/10h_ticks.bi5') // { symbol: 'EUR/USD', hourMs: Date.UTC(2019, 1, 4, 10) }
 */
export function dukascopyPath(path: string): { symbol: string; hourMs: number } | null {
  const m = PATH.exec(path);
  if (!m) return null;
  const [, name, y, mo, d, h] = m as unknown as [string, string, string, string, string, string];
  let symbol: string;
  try {
    symbol = parseSymbol(name).symbol;
  } catch {
    return null;
  }
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const hourMs = Date.UTC(year, month, day, hour);
  const back = new Date(hourMs);
  // Date.UTC rolls 2019/01/31 into March; a path naming no real day is not a Dukascopy path.
  if (month > 11 || hour > 23 || back.getUTCDate() !== day || back.getUTCMonth() !== month) return null;
  return { symbol, hourMs };
}
