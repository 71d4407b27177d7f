import { readFileSync } from 'node:fs';
import { parseIsoDate } from '@soukan/core';
import { InputError } from '../errors.js';

/** How a rates file writes its rates: 1.5 (per cent, FRED's way) or 0.015. */
export type RateUnit = 'percent' | 'decimal';

/** A series of annual risk-free rates (decimals) at UTC ms times, as the performance report takes it. */
export interface RiskFreeSeries {
  readonly time: Float64Array;
  readonly rate: Float64Array;
  readonly label: string;
}

/**
 * Reads a risk-free series: `date,rate` rows (a header line is allowed), dates
 * YYYY-MM-DD, rates in per cent or decimals; `.` or an empty rate (FRED's
 * missing value) skips the row.
 *
 * @throws InputError for a file that cannot be read, and as {@link parseRiskFreeRates}.
 * @example readRiskFreeFile('DTB3.csv').label // 'risk-free series DTB3.csv'
 */
export function readRiskFreeFile(path: string, unit: RateUnit = 'percent'): RiskFreeSeries {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`no such file: ${path}`, { field: '--rf-file' });
  }
  return parseRiskFreeRates(text, path, unit);
}

/**
 * Parses the text of a risk-free file (what {@link readRiskFreeFile} reads;
 * an HTTP upload); `path` names it in messages and in the series' label.
 *
 * @throws InputError naming the line and field that is not a date or a rate,
 *   dates that do not increase, a file with no rates.
 * @example parseRiskFreeRates('date,rate\n2015-01-02,1.5\n', 'dtb3.csv', 'percent').rate // Float64Array [0.015]
 */
export function parseRiskFreeRates(text: string, path: string, unit: RateUnit = 'percent'): RiskFreeSeries {
  const time: number[] = [];
  const rate: number[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const l = line.trim();
    if (l === '') return;
    const cells = l.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
    if (!/^\d{4}-\d{2}-\d{2}/.test(cells[0] ?? '')) {
      if (time.length === 0 && i === lines.findIndex((x) => x.trim() !== '')) return; // header
      throw new InputError('not a date (expected YYYY-MM-DD)', { file: path, line: i + 1, field: '1', text: cells[0] ?? '' });
    }
    if (cells.length < 2) throw new InputError('expected date,rate', { file: path, line: i + 1, text: l });
    if (cells[1] === '.' || cells[1] === '') return;
    const v = Number(cells[1]);
    if (!Number.isFinite(v)) throw new InputError('not a number', { file: path, line: i + 1, field: '2', text: cells[1]! });
    let t: number;
    try {
      t = parseIsoDate(cells[0]!.slice(0, 10));
    } catch (e) {
      throw new InputError((e as Error).message, { file: path, line: i + 1, field: '1', text: cells[0]! });
    }
    if (time.length > 0 && t <= time[time.length - 1]!) throw new InputError('dates must increase', { file: path, line: i + 1, text: cells[0]! });
    time.push(t);
    rate.push(unit === 'percent' ? v / 100 : v);
  });
  if (time.length === 0) throw new InputError('no rates in the file', { file: path });
  return { time: Float64Array.from(time), rate: Float64Array.from(rate), label: `risk-free series ${path}` };
}
