/**
 * Picking the stored series that build a requested symbol: which source, and
 * which route (the pair itself, its inverse, or a cross through a common
 * currency) — and saying clearly why when none can.
 */
import { allPairs, currenciesOf, findRoute, parseSymbol, TIMEFRAME_MINUTES, MINUTE_MS, type Instrument, type Route, type Timeframe } from '@soukan/core';
import { InputError } from '../errors.js';
import { closest } from '../market/closest.js';
import type { SqlLeg } from './barsSql.js';
import type { StoredSeries } from './types.js';

/** A source's series by symbol. */
export type Catalog = ReadonlyMap<string, ReadonlyMap<string, StoredSeries>>;

/**
 * Groups stored series by source (sources in name order).
 *
 * @example catalogOf(await store.list()).get('HistData')!.has('EUR/USD') // true
 */
export function catalogOf(list: readonly StoredSeries[]): Catalog {
  const m = new Map<string, Map<string, StoredSeries>>();
  for (const s of [...list].sort((a, b) => a.source.localeCompare(b.source) || a.symbol.localeCompare(b.symbol))) {
    let bySymbol = m.get(s.source);
    if (!bySymbol) m.set(s.source, (bySymbol = new Map()));
    bySymbol.set(s.symbol, s);
  }
  return m;
}

/** A route through one source's series. */
export interface Resolved {
  readonly source: string;
  readonly route: Route;
  readonly legs: readonly SqlLeg[];
  readonly series: readonly StoredSeries[];
  /** `daily` when every leg is daily. */
  readonly frequency: 'daily' | 'intraday';
}

function parseTarget(text: string, everything: readonly string[]): Instrument {
  try {
    return parseSymbol(text);
  } catch (e) {
    throw new InputError(`${(e as Error).message}${everything.length ? `; closest stored: ${closest(text, everything).join(', ')}` : ''}`);
  }
}

/**
 * Why a timeframe cannot be built from a series, or null.
 *
 * @example timeframeProblem({ frequency: 'daily', … }, 'H1') // 'H1 needs intraday data; … is daily'
 */
export function timeframeProblem(s: StoredSeries, timeframe: Timeframe | undefined): string | null {
  if (!timeframe) return null;
  const size = TIMEFRAME_MINUTES[timeframe] * MINUTE_MS;
  if (s.frequency === 'daily') return size < TIMEFRAME_MINUTES.D1 * MINUTE_MS ? `${timeframe} needs intraday data; ${s.symbol} from ${s.source} is daily (use D1 or W1)` : null;
  if (s.stepMs !== null && s.stepMs > size) return `${s.symbol} from ${s.source} holds bars ${s.stepMs / MINUTE_MS} min apart; ${timeframe} needs finer data`;
  return null;
}

function resolveIn(source: string, bySymbol: ReadonlyMap<string, StoredSeries>, target: Instrument): Resolved | null {
  const route = findRoute(target, [...bySymbol.keys()]);
  if (!route) return null;
  const series = route.legs.map((l) => bySymbol.get(l.symbol)!);
  return {
    source,
    route,
    legs: route.legs.map((l, i) => ({ id: series[i]!.id, kind: series[i]!.kind, invert: l.invert })),
    series,
    frequency: series.every((s) => s.frequency === 'daily') ? 'daily' : 'intraday',
  };
}

/**
 * The route to `text` in the store: in `source` when given, else in the best
 * source — one whose data suits the timeframe, preferring the pair itself
 * (or its inverse) to a cross, intraday to daily data, then more rows.
 *
 * @returns the choice and, when other sources could serve, a note naming them.
 * @throws InputError for an empty store, an unknown source (listing the
 *   stored ones), text that is not a pair, a pair no source can build
 *   (closest stored pairs), or a timeframe the data is too coarse for.
 * @example resolveSymbol(catalog, 'EUR/JPY', 'legs', 'H1', path).resolved.route.via // 'USD'
 */
export function resolveSymbol(catalog: Catalog, text: string, source: string | undefined, timeframe: Timeframe | undefined, storeName: string): { resolved: Resolved; note?: string } {
  const everything = [...new Set([...catalog.values()].flatMap((m) => [...m.keys()]))];
  if (catalog.size === 0) throw new InputError(`the store ${storeName} is empty; import data first (soukan import FILE…, soukan import ecb)`);
  const target = parseTarget(text, everything);
  const sources = source === undefined ? [...catalog.keys()] : [checkSource(catalog, source)];
  const found = sources.map((s) => resolveIn(s, catalog.get(s)!, target)).filter((r): r is Resolved => r !== null);
  if (found.length === 0) {
    const where = source === undefined ? 'the store' : `source ${source}`;
    const addressable = sources.flatMap((s) => {
      const quoted = [...catalog.get(s)!.keys()];
      return allPairs(currenciesOf(quoted)).filter((p) => findRoute(p, quoted) !== null);
    });
    throw new InputError(
      `${target.symbol} is not in ${where} and cannot be crossed from its pairs; closest: ${closest(text, [...new Set(addressable)]).join(', ')}; stored: ${everything.join(' ')}`,
    );
  }
  const suitable = found.filter((r) => r.series.every((s) => timeframeProblem(s, timeframe) === null));
  if (suitable.length === 0) {
    const r = found[0]!;
    throw new InputError(r.series.map((s) => timeframeProblem(s, timeframe)).find((x) => x !== null)!);
  }
  const rows = (r: Resolved): number => Math.min(...r.series.map((s) => s.rows));
  suitable.sort((a, b) => a.legs.length - b.legs.length || (a.frequency === b.frequency ? 0 : a.frequency === 'intraday' ? -1 : 1) || rows(b) - rows(a) || a.source.localeCompare(b.source));
  const pick = suitable[0]!;
  const others = found.filter((r) => r.source !== pick.source).map((r) => r.source);
  return { resolved: pick, note: others.length ? `${target.symbol} from ${pick.source} (also in ${others.join(', ')}; choose with --source)` : undefined };
}

/**
 * Checks that a source is stored.
 *
 * @throws InputError listing the stored sources.
 * @example checkSource(catalog, 'histdata') // 'HistData'
 */
export function checkSource(catalog: Catalog, source: string): string {
  if (catalog.has(source)) return source;
  const match = [...catalog.keys()].find((s) => s.toLowerCase() === source.toLowerCase());
  if (match) return match;
  throw new InputError(`no source ${JSON.stringify(source)} in the store; stored: ${[...catalog.keys()].join(', ') || '(none)'}`);
}

/** Which resolution a request is better answered from, when several sources fit. */
export type SourcePreference = 'intraday' | 'daily';

/**
 * The source a whole market comes from: `source`, else among the sources
 * that can build every requested symbol (all sources when none are given),
 * those whose data suits the timeframe, then — with a `prefer`ence — those
 * of that resolution, then the one with the most series.
 *
 * @throws InputError as {@link resolveSymbol}, or when no single source builds every symbol.
 * @example pickMarketSource(catalog, ['GBP/USD'], undefined, 'D1', path).source // 'HistData'
 * @example pickMarketSource(catalog, [], undefined, undefined, path, 'intraday').source // 'HistData'
 */
export function pickMarketSource(
  catalog: Catalog,
  symbols: readonly string[],
  source: string | undefined,
  timeframe: Timeframe | undefined,
  storeName: string,
  prefer?: SourcePreference,
): { source: string; note?: string } {
  if (catalog.size === 0) throw new InputError(`the store ${storeName} is empty; import data first (soukan import FILE…, soukan import ecb)`);
  if (source !== undefined) return { source: checkSource(catalog, source) };
  let candidates = [...catalog.keys()];
  if (symbols.length > 0) {
    const targets = symbols.map((s) => parseTarget(s, []));
    candidates = candidates.filter((src) => targets.every((t) => resolveIn(src, catalog.get(src)!, t) !== null));
    if (candidates.length === 0) {
      // Name the first symbol no source builds, with the store's own message.
      for (const s of symbols) resolveSymbol(catalog, s, undefined, undefined, storeName);
      throw new InputError(`no single source in the store has (or can cross) all of ${symbols.join(' ')}; sources: ${[...catalog.keys()].join(', ')}`);
    }
  }
  const fits = candidates.filter((src) => [...catalog.get(src)!.values()].some((s) => timeframeProblem(s, timeframe) === null));
  if (fits.length > 0) candidates = fits;
  const intraday = (src: string): boolean => [...catalog.get(src)!.values()].some((s) => s.frequency === 'intraday');
  const rank = (src: string): number => (prefer === undefined ? 0 : intraday(src) === (prefer === 'intraday') ? 0 : 1);
  candidates.sort((a, b) => rank(a) - rank(b) || catalog.get(b)!.size - catalog.get(a)!.size || a.localeCompare(b));
  const pick = candidates[0]!;
  const others = [...catalog.keys()].filter((s) => s !== pick);
  return { source: pick, note: others.length ? `reading ${pick} from the store (also stored: ${others.join(', ')}; choose with --source)` : undefined };
}
