import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseSymbol } from '@soukan/core';
import { InputError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { ReplaySeries } from './replayFeed.js';

/** The eight pairs of the 2017 HistData M1 files (`$SOUKAN_SHARED_DATA/histdata_m1_2017`). */
export const REPLAY_PAIRS: readonly string[] = ['EUR/USD', 'USD/JPY', 'GBP/USD', 'AUD/USD', 'NZD/USD', 'USD/CAD', 'USD/CHF', 'EUR/JPY'];

/** Calendar days before `from` replayed at once to warm the analytics (a day's window plus a week of band history, weekends included). */
export const REPLAY_WARMUP_DAYS = 14;

/** What {@link replaySeries} read: the warm-up part (before `from`) and the paced part. */
export interface ReplayPlan {
  readonly warmup: ReplaySeries[];
  readonly paced: ReplaySeries[];
  /** Where the data came from, for the log. */
  readonly imported: string[];
}

const SOURCE = 'HistData';

/**
 * The stored minute history a replay plays: the HistData M1 bars of
 * `symbols` from {@link REPLAY_WARMUP_DAYS} before `from` to the end, each
 * bar one quote at its opening time with bid = ask = close (HistData bars
 * are bid prices only). Pairs the store lacks are imported first from
 * `sharedDir/histdata_m1_2017/HISTDATA_COM_ASCII_<PAIR>_M1_2017.zip`.
 *
 * @throws InputError when a pair is neither stored nor importable, or nothing lies after `from`.
 * @example (await replaySeries(store, REPLAY_PAIRS, Date.UTC(2017, 2, 15, 17, 30), shared)).paced[0].time.length // EUR/USD minutes after 15 March 17:30
 */
export async function replaySeries(store: Store, symbols: readonly string[], from: number, sharedDir: string | undefined): Promise<ReplayPlan> {
  const wanted = symbols.map((s) => parseSymbol(s).symbol);
  const stored = new Set((await store.list()).filter((s) => s.source === SOURCE && s.kind === 'bars').map((s) => s.symbol));
  const missing = wanted.filter((s) => !stored.has(s));
  const files: string[] = [];
  for (const s of missing) {
    const f = sharedDir === undefined ? undefined : join(sharedDir, 'histdata_m1_2017', `HISTDATA_COM_ASCII_${s.replace('/', '')}_M1_2017.zip`);
    if (f === undefined || !existsSync(f)) {
      throw new InputError(`replay: the store has no HistData minutes of ${s} and ${f ?? 'no $SOUKAN_SHARED_DATA folder'} ${f ? 'does not exist' : 'is set'}; import them with soukan import`, { field: 'symbols', text: s });
    }
    files.push(f);
  }
  if (files.length > 0) await store.importFiles(files);
  const start = from - REPLAY_WARMUP_DAYS * 86_400_000;
  const warmup: ReplaySeries[] = [];
  const paced: ReplaySeries[] = [];
  for (const s of wanted) {
    const { bars } = await store.bars(s, { source: SOURCE, from: start });
    const cut = lowerBound(bars.time, from);
    const part = (a: number, b: number): ReplaySeries => ({ symbol: s, time: bars.time.subarray(a, b), bid: bars.close.subarray(a, b), ask: bars.close.subarray(a, b) });
    warmup.push(part(0, cut));
    paced.push(part(cut, bars.time.length));
  }
  if (paced.every((p) => p.time.length === 0)) throw new InputError(`replay: no stored minutes after ${new Date(from).toISOString()}`, { field: 'from', text: new Date(from).toISOString() });
  return { warmup, paced, imported: files };
}

function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
