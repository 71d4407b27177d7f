// The small pure helpers of the store commands: progress text, note grouping,
// time options, kinds.
import { describe, expect, it } from 'vitest';
import { compactCount, duration, progressLine, rates } from '../../../cli/src/output/progress.js';
import { groupNotes } from '../../../cli/src/commands/import.js';
import { parseInstant } from '../../../cli/src/commands/bars.js';
import { describeKind } from '../../../cli/src/commands/list.js';

describe('progress text', () => {
  it('counts, durations, rates and ETA', () => {
    expect([compactCount(0), compactCount(9_999), compactCount(12_345), compactCount(1_234_567)]).toEqual(['0', '9999', '12k', '1.23M']);
    expect([duration(0), duration(42.4), duration(185), duration(Number.NaN)]).toEqual(['0s', '42s', '3m05s', '?']);
    expect(rates({ lines: 1_000_000, fraction: 0.5, elapsedMs: 2000 })).toEqual({ rowsPerSecond: 500_000, etaSeconds: 2 });
    expect(rates({ lines: 0, fraction: 0, elapsedMs: 0 })).toEqual({ rowsPerSecond: 0, etaSeconds: Number.NaN });
    const p = { phase: 'reading' as const, file: '/d/HISTDATA_COM_ASCII_GBPUSD_M1_2017.zip', fileIndex: 3, files: 8, lines: 1_330_000, fraction: 0.45, elapsedMs: 1622 };
    expect(progressLine(p)).toBe('45%  1.33M rows  820k rows/s  ETA 2s  HISTDATA_COM_ASCII_GBPUSD_M1_2017.zip (4/8)');
    expect(progressLine({ ...p, phase: 'committing' })).toBe('committing 1.33M rows…');
  });
});

describe('import summary notes', () => {
  it('says once what every file says, and lists symbols taken from names on one line', () => {
    expect(
      groupNotes([
        'a.zip:DAT_ASCII_EURUSD_M1_2017.csv: symbol EUR/USD from the name DAT_ASCII_EURUSD_M1_2017.csv (pass symbol to override)',
        'a.zip:DAT_ASCII_EURUSD_M1_2017.csv: times read as New York wall clock (EST/EDT) and converted to UTC',
        'b.zip:DAT_ASCII_USDJPY_M1_2017.csv: symbol USD/JPY from the name DAT_ASCII_USDJPY_M1_2017.csv (pass symbol to override)',
        'b.zip:DAT_ASCII_USDJPY_M1_2017.csv: times read as New York wall clock (EST/EDT) and converted to UTC',
        'x.csv AUD/USD: sorted 1 out-of-order row',
      ]),
    ).toEqual([
      'symbols from the file names: EUR/USD USD/JPY (--symbol overrides)',
      'times read as New York wall clock (EST/EDT) and converted to UTC (2 files)',
      'x.csv AUD/USD: sorted 1 out-of-order row',
    ]);
    expect(groupNotes([])).toEqual([]);
  });
});

describe('--from / --to', () => {
  it('takes dates (a --to date is the whole day) and UTC times; refuses anything else naming the option', () => {
    expect(parseInstant('--from', '2017-03-12', false)).toBe(Date.UTC(2017, 2, 12));
    expect(parseInstant('--to', '2017-03-12', true)).toBe(Date.UTC(2017, 2, 12, 23, 59, 59, 999));
    expect(parseInstant('--from', '2017-03-12T21:00', false)).toBe(Date.UTC(2017, 2, 12, 21));
    expect(parseInstant('--from', '2017-03-12 21:00:30Z', false)).toBe(Date.UTC(2017, 2, 12, 21, 0, 30));
    expect(() => parseInstant('--from', '2017-02-30', false)).toThrow(/^--from: not a date: "2017-02-30" \(no such day\)$/);
    expect(() => parseInstant('--to', 'yesterday', true)).toThrow(/^--to must be a date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM, got "yesterday"$/);
  });
});

describe('kinds in soukan list', () => {
  it('names bar sizes and fixings', () => {
    expect(describeKind({ kind: 'bars', frequency: 'intraday', stepMs: 60_000 })).toBe('1-minute bars');
    expect(describeKind({ kind: 'bars', frequency: 'intraday', stepMs: 3_600_000 })).toBe('1-hour bars');
    expect(describeKind({ kind: 'bars', frequency: 'intraday', stepMs: null })).toBe('intraday bars');
    expect(describeKind({ kind: 'bars', frequency: 'daily', stepMs: 86_400_000 })).toBe('daily bars');
    expect(describeKind({ kind: 'quotes', frequency: 'daily', stepMs: null })).toBe('daily fixings');
    expect(describeKind({ kind: 'quotes', frequency: 'intraday', stepMs: null })).toBe('intraday quotes');
  });
});
