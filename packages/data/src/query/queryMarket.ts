import { type PriceSeries, type Timeframe } from '@soukan/core';
import { StoreMarket } from '../store/storeMarket.js';
import { momentsKey, type FrameMoments, type MomentsRequest } from './frameMoments.js';
import { NeedData } from './needData.js';

/** What a {@link QueryMarket} holds: the catalogue of a source and the data fetched so far. Plain data (crosses thread boundaries). */
export interface QueryMarketData {
  readonly source: string;
  readonly label: string;
  readonly frequency: 'daily' | 'intraday';
  /** Every quoted symbol of the source. */
  readonly quoted: readonly string[];
  /** Quoted series at the stored resolution, for those fetched. */
  readonly raw: readonly PriceSeries[];
  /** Closes built by the store, per timeframe. */
  readonly closes: readonly { readonly timeframe: Timeframe; readonly series: readonly PriceSeries[] }[];
  /**
   * Set where this data outlives one request (the API server's snapshot of
   * a source): closes fetched once then serve every later matrix at their
   * timeframe in JavaScript, cheaper than asking the store for statistics
   * per request, so matrices read closes.
   */
  readonly reusesCloses?: boolean;
  /** Sufficient statistics computed by the store, by {@link momentsKey} (`null`: the store cannot compute them; read bars). */
  readonly moments?: readonly { readonly key: string; readonly value: FrameMoments | null }[];
  readonly notes?: readonly string[];
}

/** A symbol → series map that asks for a quoted series it does not hold. */
class NeededMap extends Map<string, PriceSeries> {
  constructor(
    entries: readonly PriceSeries[],
    private readonly quoted: ReadonlySet<string>,
  ) {
    super(entries.map((s) => [s.symbol, s]));
  }
  override get(symbol: string): PriceSeries | undefined {
    const s = super.get(symbol);
    if (s === undefined && this.quoted.has(symbol)) throw new NeedData({ raw: [symbol] });
    return s;
  }
}

/**
 * A {@link StoreMarket} that knows the source's symbols but holds only the
 * data fetched so far: closes at a timeframe, built by the store, and the
 * stored rows of the series an algorithm needs in full. A computation that
 * touches anything else gets {@link NeedData}, naming it; {@link answer}
 * fetches it and runs the computation again. Every answer equals the one a
 * market holding every stored row gives: `frame` aligns the store's closes,
 * which are the closes `resampleBars(crossSeries(…))` gives on those rows.
 *
 * @example new QueryMarket({ source: 'ECB', label: 'the ECB data', frequency: 'daily', quoted: ['EUR/USD'], raw: [], closes: [] }).frame(['EUR/USD'], { kind: 'inner' }, 'W1') // throws NeedData (W1 closes of EUR/USD)
 */
export class QueryMarket extends StoreMarket {
  private readonly closes = new Map<string, PriceSeries>();

  constructor(readonly data: QueryMarketData) {
    super(data.raw, { source: data.source, frequency: data.frequency, label: data.label, notes: data.notes, quoted: data.quoted });
    Object.defineProperty(this, 'bySymbol', { value: new NeededMap(data.raw, new Set(data.quoted)) });
    for (const c of data.closes) for (const s of c.series) this.closes.set(`${c.timeframe} ${s.symbol}`, s);
  }

  protected override framed(symbols: readonly string[], timeframe: Timeframe | undefined): PriceSeries[] {
    // Daily data at D1 (and any market without a timeframe) is aligned as stored.
    if (!timeframe || (this.frequency === 'daily' && timeframe === 'D1')) return super.framed(symbols, timeframe);
    const names = symbols.map((s) => this.route(s).target.symbol);
    const missing = names.filter((s) => !this.closes.has(`${timeframe} ${s}`));
    if (missing.length > 0) throw new NeedData({ closes: { symbols: [...new Set(missing)], timeframe } });
    return names.map((s) => this.closes.get(`${timeframe} ${s}`)!);
  }

  /**
   * The store's sufficient statistics of a correlation frame (see
   * `frameMomentsSql`), or `null` when the store cannot compute them.
   *
   * @throws NeedData until they are fetched.
   * @example market.moments({ symbols: ['EUR/USD', 'GBP/USD'], timeframe: 'H1', align: 'inner', on: 'returns', returns: 'log', window: { kind: 'last', n: 250 } })?.pairs.n
   */
  moments(request: MomentsRequest): FrameMoments | null {
    const key = momentsKey(request);
    const hit = this.data.moments?.find((m) => m.key === key);
    if (!hit) throw new NeedData({ moments: request });
    return hit.value;
  }

  /**
   * This market's data plus what was fetched for a need.
   *
   * @example market.with({ closes: [{ timeframe: 'H1', series }] })
   */
  with(more: { readonly raw?: readonly PriceSeries[]; readonly closes?: QueryMarketData['closes']; readonly moments?: QueryMarketData['moments'] }): QueryMarketData {
    return {
      ...this.data,
      raw: [...this.data.raw, ...(more.raw ?? [])],
      closes: [...this.data.closes, ...(more.closes ?? [])],
      moments: [...(this.data.moments ?? []), ...(more.moments ?? [])],
    };
  }

}
