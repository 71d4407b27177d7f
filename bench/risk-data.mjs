// Loads the real data the risk benchmarks run on (HistData 2017 M1 bars, New York
// wall-clock time → UTC), with yauzl only, so the benchmark does not depend on the
// data package's readers.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { zonedToUtc } from '../packages/core/dist/index.js';
import { sharedDataDir as findSharedData } from '../scripts/lib.mjs';

export const sharedDataDir = findSharedData();

async function unzipMember(path, member) {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  try {
    for (;;) {
      const entry = await new Promise((res, rej) => {
        zip.once('entry', res);
        zip.once('end', () => res(null));
        zip.once('error', rej);
        zip.readEntry();
      });
      if (!entry) break;
      if (entry.fileName !== member) continue;
      const stream = await zip.openReadStreamPromise(entry);
      const chunks = [];
      for await (const c of stream) chunks.push(c);
      return Buffer.concat(chunks).toString('latin1');
    }
  } finally {
    zip.close();
  }
  throw new Error(`${member} not in ${path}`);
}

/** HistData 2017 M1 bars of `pair` (e.g. EURUSD) as { symbol, time, open, high, low, close }. */
export async function histDataM1(pair) {
  const path = join(sharedDataDir, 'histdata_m1_2017', `HISTDATA_COM_ASCII_${pair}_M1_2017.zip`);
  if (!existsSync(path)) throw new Error(`missing ${path} (set SOUKAN_SHARED_DATA)`);
  const lines = (await unzipMember(path, `DAT_ASCII_${pair}_M1_2017.csv`)).split('\n').filter((l) => l.length > 10);
  const n = lines.length;
  const time = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  let key = '';
  let hourUtc = 0;
  for (let i = 0; i < n; i++) {
    const f = lines[i].split(';');
    const s = f[0];
    if (s.slice(0, 11) !== key) {
      key = s.slice(0, 11);
      hourUtc = zonedToUtc(Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(9, 11)), 'America/New_York');
    }
    time[i] = hourUtc + +s.slice(11, 13) * 60_000 + +s.slice(13, 15) * 1000;
    open[i] = +f[1];
    high[i] = +f[2];
    low[i] = +f[3];
    close[i] = +f[4];
  }
  return { symbol: `${pair.slice(0, 3)}/${pair.slice(3)}`, time, open, high, low, close, volume: new Float64Array(n) };
}
