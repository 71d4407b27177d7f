/**
 * Minimal readers of the real data for the risk/volatility tests (the data
 * package's readers are tested elsewhere; these stay independent of them).
 * HistData M1 bars are New York wall-clock time (see shared/data/README.md).
 */
import { openPromise } from 'yauzl';
import { crossSeries, findRoute, parseIsoDate, zonedToUtc, type Bars, type PriceSeries } from '@soukan/core';
import { sharedData } from '../../../../../test/helpers/sharedData.js';

async function unzipMember(path: string, member: string): Promise<string> {
  const zip = await openPromise(path, { lazyEntries: true });
  try {
    for (let entry = await next(zip); entry; entry = await next(zip)) {
      if (entry.fileName !== member) continue;
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('latin1');
    }
  } finally {
    zip.close();
  }
  throw new Error(`${member} not found in ${path}`);
}

function next(zip: Awaited<ReturnType<typeof openPromise>>): Promise<import('yauzl').Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (e: import('yauzl').Entry): void => {
      cleanup();
      resolve(e);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(null);
    };
    const onError = (e: Error): void => {
      cleanup();
      reject(e);
    };
    const cleanup = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

const cacheM1 = new Map<string, Promise<Bars>>();

/** HistData 2017 M1 bars of a pair (`EURUSD`), times converted from New York local time to UTC. */
export function histDataM1(pair: string): Promise<Bars> {
  let p = cacheM1.get(pair);
  if (!p) {
    p = (async () => {
      const text = await unzipMember(sharedData(`histdata_m1_2017/HISTDATA_COM_ASCII_${pair}_M1_2017.zip`), `DAT_ASCII_${pair}_M1_2017.csv`);
      const lines = text.split('\n').filter((l) => l.length > 10);
      const n = lines.length;
      const time = new Float64Array(n);
      const open = new Float64Array(n);
      const high = new Float64Array(n);
      const low = new Float64Array(n);
      const close = new Float64Array(n);
      let hourKey = '';
      let hourUtc = 0;
      for (let i = 0; i < n; i++) {
        const f = lines[i]!.split(';');
        const s = f[0]!; // YYYYMMDD HHMMSS
        const key = s.slice(0, 11);
        if (key !== hourKey) {
          hourKey = key;
          const local = Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(9, 11));
          hourUtc = zonedToUtc(local, 'America/New_York');
        }
        time[i] = hourUtc + +s.slice(11, 13) * 60_000 + +s.slice(13, 15) * 1000;
        open[i] = +f[1]!;
        high[i] = +f[2]!;
        low[i] = +f[3]!;
        close[i] = +f[4]!;
      }
      const symbol = `${pair.slice(0, 3)}/${pair.slice(3)}`;
      return { symbol, time, open, high, low, close, volume: new Float64Array(n) };
    })();
    cacheM1.set(pair, p);
  }
  return p;
}

let ecbCache: Promise<PriceSeries[]> | undefined;

/** ECB reference rates as quoted series `EUR/XXX`, oldest first, N/A rows left out per currency. */
export function ecbQuoted(): Promise<PriceSeries[]> {
  ecbCache ??= (async () => {
    const text = await unzipMember(sharedData('eurofxref-hist.zip'), 'eurofxref-hist.csv');
    const rows = text.trim().split('\n');
    const header = rows[0]!.split(',').map((s) => s.trim());
    const data = rows.slice(1).reverse();
    const out: PriceSeries[] = [];
    for (let j = 1; j < header.length; j++) {
      const code = header[j]!;
      if (!/^[A-Z]{3}$/.test(code)) continue;
      const t: number[] = [];
      const v: number[] = [];
      for (const r of data) {
        const f = r.split(',');
        const x = f[j]!.trim();
        if (x === 'N/A' || x === '') continue;
        t.push(parseIsoDate(f[0]!));
        v.push(Number(x));
      }
      out.push({ symbol: `EUR/${code}`, time: Float64Array.from(t), close: Float64Array.from(v) });
    }
    return out;
  })();
  return ecbCache;
}

/** Any pair from ECB data (direct, inverted or crossed through EUR). */
export async function ecbSeries(symbol: string): Promise<PriceSeries> {
  const quoted = await ecbQuoted();
  const by = new Map(quoted.map((s) => [s.symbol, s]));
  const route = findRoute(symbol, [...by.keys()]);
  if (!route) throw new Error(`no ECB route to ${symbol}`);
  return crossSeries(route, (s) => by.get(s)!);
}

/** Rows of a series inside [from, to] (ISO dates, inclusive). */
export function between(s: PriceSeries, from: string, to: string): PriceSeries {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  let i = 0;
  while (i < s.time.length && s.time[i]! < a) i++;
  let j = i;
  while (j < s.time.length && s.time[j]! <= b) j++;
  return { symbol: s.symbol, time: s.time.slice(i, j), close: s.close.slice(i, j) };
}

/** Log returns of consecutive closes. */
export function logReturns(close: Float64Array): Float64Array {
  const out = new Float64Array(Math.max(0, close.length - 1));
  for (let i = 0; i < out.length; i++) out[i] = Math.log(close[i + 1]! / close[i]!);
  return out;
}
