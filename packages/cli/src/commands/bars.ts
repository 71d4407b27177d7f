import { barsParams, barsRequest, cliFlag, storeParam, type OutputFormat } from '@soukan/requests';
import { addExamples, addFormat, addParam, addRequest, cliInput, parseCli } from '../requestOptions.js';
import { DAY_MS, parseIsoDate, pipSize, TIMEFRAME_MINUTES, type Timeframe } from '@soukan/core';
import { attributionOf, InputError, Store, storePath, type StoreBars } from '@soukan/data';
import type { Command } from 'commander';
import { toCsv } from '../output/csv.js';

/**
 * `YYYY-MM-DD` (UTC midnight; as an end, the end of that day) or
 * `YYYY-MM-DDTHH:MM[:SS][Z]` (UTC).
 *
 * @throws InputError naming the option.
 * @example parseInstant('--to', '2017-03-12', true) // Date.UTC(2017, 2, 12, 23, 59, 59, 999)
 */
export function parseInstant(name: string, text: string, end: boolean): number {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    try {
      return parseIsoDate(t) + (end ? DAY_MS - 1 : 0);
    } catch (e) {
      throw new InputError(`${name}: ${(e as Error).message}`);
    }
  }
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?Z?$/.exec(t);
  const ms = m ? Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}Z`) : Number.NaN;
  if (Number.isNaN(ms)) throw new InputError(`${name} must be a date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM, got ${JSON.stringify(text)}`);
  return ms;
}

const iso = (t: number, daily: boolean): string => {
  const s = new Date(t).toISOString();
  return daily ? s.slice(0, 10) : `${s.slice(0, 10)} ${s.slice(11, 16)}`;
};

/** `soukan bars SYMBOL`: bars built in the store (crossed or inverted when not stored). */
export function registerBars(program: Command): void {
  const cmd = program
    .command('bars')
    .summary('OHLC bars of a pair from the store (crossed or inverted when not stored)')
    .description(
      'Bars built in the store from its 1-minute (or coarser) data: M1 M5 M15 M30 H1 on the UTC clock, H4 at 17/21/01/05/09/13 New York,\n' +
        'D1 = the FX trading day ending 17:00 New York (DST-aware) stamped with its date, W1 stamped Monday.\n' +
        'Rows inside the weekly closure (Friday 17:00 → Sunday 17:00 New York) are left out; hours without data have no bar.\n' +
        'A pair that is not stored is crossed from two stored pairs (EUR/JPY = EUR/USD × USD/JPY): open and close are exact per minute,\n' +
        "high and low are the extremes of the minute-by-minute cross (a cross's true high/low cannot be derived from its legs' bars).",
    );
  const names = addRequest(cmd, barsRequest);
  addParam(cmd, 'store', storeParam);
  addFormat(cmd);
  addExamples(cmd, barsRequest).action(async (...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    const opts = self.opts<{ store?: string; format: OutputFormat }>();
    const input = cliInput(self, names);
    // The command line also reads a time without an offset as UTC (the API wants the Z).
    const at = (name: 'from' | 'to'): number | undefined => (typeof input[name] === 'string' ? parseInstant(cliFlag(name), input[name], name === 'to') : undefined);
    const q = parseCli(barsRequest, { ...input, from: at('from'), to: at('to') });
    const timeframe = q.timeframe ?? barsParams.timeframe.cliDefault!;
    const store = await Store.open(opts.store ?? storePath(), { readOnly: true });
    let res: StoreBars;
    try {
      res = await store.bars(q.symbol!, { timeframe, from: q.from, to: q.to, source: q.source });
    } finally {
      await store.close();
    }
    for (const n of res.notes) process.stderr.write(`note: ${n}\n`);
    print(res, timeframe, opts.format);
  });
}

function print(res: StoreBars, timeframe: Timeframe, format: OutputFormat): void {
  const b = res.bars;
  const n = b.time.length;
  const daily = TIMEFRAME_MINUTES[timeframe] >= TIMEFRAME_MINUTES.D1;
  const vol = (v: number): number | null => (Number.isNaN(v) ? null : v);
  if (format === 'json') {
    process.stdout.write(
      JSON.stringify({
        symbol: b.symbol,
        source: res.source,
        timeframe,
        route: res.route.legs,
        time: Array.from(b.time, (t) => new Date(t).toISOString()),
        open: Array.from(b.open),
        high: Array.from(b.high),
        low: Array.from(b.low),
        close: Array.from(b.close),
        volume: Array.from(b.volume, vol),
        weekendRows: res.weekendRows,
        notes: res.notes,
        attribution: attributionOf(res.source) ?? null,
      }) + '\n',
    );
    return;
  }
  if (format === 'csv') {
    const rows: (string | number | null)[][] = [['time', 'open', 'high', 'low', 'close', 'volume']];
    for (let i = 0; i < n; i++) rows.push([new Date(b.time[i]!).toISOString(), b.open[i]!, b.high[i]!, b.low[i]!, b.close[i]!, vol(b.volume[i]!)]);
    process.stdout.write(toCsv(rows));
    return;
  }
  // One digit finer than a pip: 1.05155 for EUR/USD, 117.205 for USD/JPY.
  const digits = Math.max(0, Math.round(-Math.log10(pipSize(b.symbol))) + 1);
  // Thousands of rows: one pass of strings, then one of padding (no per-cell
  // escape stripping as renderTable does; little garbage for a short-lived process).
  const head = [daily ? 'date' : 'time (UTC)', 'open', 'high', 'low', 'close', 'volume'];
  const cols: string[][] = head.map(() => new Array<string>(n));
  for (let i = 0; i < n; i++) {
    cols[0]![i] = iso(b.time[i]!, daily);
    cols[1]![i] = b.open[i]!.toFixed(digits);
    cols[2]![i] = b.high[i]!.toFixed(digits);
    cols[3]![i] = b.low[i]!.toFixed(digits);
    cols[4]![i] = b.close[i]!.toFixed(digits);
    cols[5]![i] = Number.isNaN(b.volume[i]!) ? '' : String(b.volume[i]);
  }
  const widths = cols.map((c, j) => c.reduce((w, x) => Math.max(w, x.length), head[j]!.length));
  const row = (cell: (j: number) => string): string => {
    let line = cell(0).padEnd(widths[0]!);
    for (let j = 1; j < 6; j++) line += '  ' + cell(j).padStart(widths[j]!);
    return line.trimEnd();
  };
  let text = row((j) => head[j]!) + '\n';
  for (let i = 0; i < n; i++) text += row((j) => cols[j]![i]!) + '\n';
  const how = res.route.legs.length === 2 ? `crossed from ${res.route.legs.map((l) => l.symbol).join(' × ')}` : res.route.legs[0]!.invert ? `inverted ${res.route.legs[0]!.symbol}` : 'stored';
  const span = n ? `, ${iso(b.time[0]!, daily)} → ${iso(b.time[n - 1]!, daily)} UTC` : '';
  const credit = attributionOf(res.source);
  process.stdout.write(`${b.symbol} ${timeframe} from ${res.source} (${how}): ${n.toLocaleString('en-US')} bars${span}\n${text}${credit ? `${credit}\n` : ''}`);
}
