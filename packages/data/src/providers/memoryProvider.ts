import { lowerBound, resampleBars, upperBound, type PriceSeries, type Timeframe } from '@soukan/core';
import { describeProblem, InputError } from '../errors.js';
import { readDataset } from '../formats/readDataset.js';
import type { Dataset } from '../formats/types.js';
import { Market } from '../market/market.js';
import { attributionOf } from '../store/attribution.js';
import { mergeSeries } from './mergeSeries.js';
import { ecbFile, type EcbRefresh } from './ecbFile.js';
import { renamed } from './renamed.js';
import type { BarsResult, DataProvider, ImportOutcome, ImportRequest, MarketSnapshot, SeriesSummary } from './types.js';

interface SourceData {
  readonly frequency: 'daily' | 'intraday';
  readonly series: Map<string, PriceSeries>;
  readonly files: string[];
}

/**
 * Market data read from files and kept in memory, grouped by source (ECB,
 * FRB H.10, HistData…). Imports are atomic: a file is read and validated
 * completely before anything changes. Re-importing rows already present
 * replaces them with the file's values and adds nothing. What `soukan serve
 * --data FILE…` serves.
 *
 * @example const data = new MemoryProvider(); await data.importFiles(['eurofxref-hist.zip']); (await data.snapshot()).source // 'ECB'
 */
export class MemoryProvider implements DataProvider {
  readonly kind = 'files' as const;
  readonly location = 'memory (files read at start-up or imported)';
  private readonly sources = new Map<string, SourceData>();
  private readonly snapshots = new Map<string, MarketSnapshot>();
  private v = 0;

  version(): number {
    return this.v;
  }

  async isEmpty(): Promise<boolean> {
    return this.sources.size === 0;
  }

  async list(): Promise<SeriesSummary[]> {
    const out: SeriesSummary[] = [];
    for (const [source, d] of [...this.sources].sort((x, y) => x[0].localeCompare(y[0]))) {
      for (const s of [...d.series.values()].sort((x, y) => x.symbol.localeCompare(y.symbol))) {
        const n = s.time.length;
        out.push({
          source,
          symbol: s.symbol,
          kind: s.high !== undefined ? 'bars' : 'quotes',
          frequency: d.frequency,
          rows: n,
          first: n ? s.time[0]! : NaN,
          last: n ? s.time[n - 1]! : NaN,
        });
      }
    }
    return out;
  }

  private pick(source?: string): [string, SourceData] {
    if (this.sources.size === 0) throw new InputError('no market data yet: import a file or fetch the ECB history', { code: 'no-data' });
    if (source !== undefined) {
      const d = this.sources.get(source);
      if (!d) throw new InputError(`unknown source ${JSON.stringify(source)}; known: ${[...this.sources.keys()].join(', ')}`, { code: 'unknown-source', params: { source } });
      return [source, d];
    }
    if (this.sources.has('ECB')) return ['ECB', this.sources.get('ECB')!];
    return [...this.sources].sort((a, b) => b[1].series.size - a[1].series.size || a[0].localeCompare(b[0]))[0]!;
  }

  async snapshot(source?: string): Promise<MarketSnapshot> {
    const [name, d] = this.pick(source);
    const id = `${name}@${this.v}`;
    let snap = this.snapshots.get(id);
    if (!snap) {
      const series = [...d.series.values()];
      snap = {
        id,
        source: name,
        label: `the ${name} data`,
        frequency: d.frequency,
        series,
        about: { description: `${name} ${d.frequency} data (${series.length} quoted series)`, attribution: attributionOf(name) },
      };
      this.snapshots.set(id, snap);
    }
    return snap;
  }

  async bars(symbol: string, o: { source?: string; timeframe?: Timeframe; from?: number; to?: number }): Promise<BarsResult> {
    const snap = await this.snapshot(o.source);
    const market = new Market(snap.series, { label: snap.label, frequency: snap.frequency });
    const route = market.route(symbol);
    let s = market.series(symbol);
    const notes: string[] = [];
    if (route.legs.length === 2) notes.push(`${route.target.symbol} is a cross of ${route.legs.map((l) => l.symbol).join(' × ')}`);
    if (o.timeframe && !(snap.frequency === 'daily' && o.timeframe === 'D1')) {
      if (snap.frequency === 'daily' && o.timeframe !== 'W1') {
        throw new InputError(`timeframe ${o.timeframe} needs intraday data; ${snap.label} is daily (use D1 or W1)`, { code: 'timeframe-needs-intraday', params: { timeframe: o.timeframe } });
      }
      const r = resampleBars(s, o.timeframe);
      s = r.bars;
      if (r.weekendRows > 0) notes.push(`${r.weekendRows} row(s) inside the weekly closure left out of the bars`);
    }
    if (o.from !== undefined || o.to !== undefined) s = sliceTime(s, o.from ?? -Infinity, o.to ?? Infinity);
    return { series: s, source: snap.source, timeframe: o.timeframe, notes };
  }

  async importFiles(paths: readonly string[], o: ImportRequest = {}): Promise<ImportOutcome> {
    o.onProgress?.({ phase: 'reading' });
    let dataset: Dataset;
    try {
      dataset = await readDataset(paths.length === 1 ? paths[0]! : [...paths], o);
    } catch (e) {
      throw renamed(e, paths, o.names);
    }
    if (o.signal?.aborted) throw new InputError('import cancelled; nothing was changed', { code: 'import-cancelled' });
    o.onProgress?.({ phase: 'writing' });
    const outcome = this.add(dataset, o.names ?? paths);
    o.onProgress?.({ phase: 'done', rows: outcome.series.reduce((a, s) => a + s.rows, 0) });
    return outcome;
  }

  /** Adds a dataset that was read completely (the atomic step). */
  private add(dataset: Dataset, names: readonly string[]): ImportOutcome {
    if (dataset.series.length === 0) throw new InputError(`${names.join(', ')}: no prices in the file`, { code: 'empty-file' });
    const existing = this.sources.get(dataset.source);
    if (existing && existing.frequency !== dataset.frequency) {
      throw new InputError(`${dataset.source} data here is ${existing.frequency}; the file is ${dataset.frequency}`, { code: 'frequency-mismatch' });
    }
    const next = new Map(existing?.series ?? []);
    let added = 0;
    for (const s of dataset.series) {
      const old = next.get(s.symbol);
      if (old) {
        const m = mergeSeries(old, s);
        next.set(s.symbol, m.series);
        added += m.added;
      } else {
        next.set(s.symbol, s);
        added += s.time.length;
      }
    }
    this.sources.set(dataset.source, { frequency: dataset.frequency, series: next, files: [...(existing?.files ?? []), ...names] });
    this.v++;
    this.snapshots.clear();
    return {
      source: dataset.source,
      files: names,
      series: dataset.series.map((s) => ({ symbol: s.symbol, rows: s.time.length, first: s.time[0] ?? NaN, last: s.time[s.time.length - 1] ?? NaN })),
      added,
      skipped: dataset.skipped.count,
      notes: [...dataset.notes, ...dataset.skipped.first.map((p) => `skipped ${describeProblem(p)}`)],
    };
  }

  async refreshEcb(o: EcbRefresh = {}): Promise<ImportOutcome> {
    return this.importFiles([await ecbFile(o)], { format: 'ecb' });
  }

  async close(): Promise<void> {}
}

function sliceTime(s: PriceSeries, from: number, to: number): PriceSeries {
  const a = lowerBound(s.time, from);
  const b = Math.max(a, upperBound(s.time, to));
  const cut = (x?: Float64Array): Float64Array | undefined => x?.subarray(a, b);
  return { symbol: s.symbol, time: s.time.subarray(a, b), close: s.close.subarray(a, b), open: cut(s.open), high: cut(s.high), low: cut(s.low), volume: cut(s.volume) };
}
