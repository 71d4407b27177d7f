import { InputError } from '../errors.js';
import type { DataProvider } from './types.js';

/**
 * A provider whose requests read `source` unless they name one (`?source=`):
 * what `soukan serve --source NAME` serves. The name is matched without regard
 * to case against the sources present when the server starts.
 *
 * @throws InputError naming the stored sources when `source` is not one of them.
 * @example const data = await withDefaultSource(new StoreProvider(path), 'histdata'); (await data.snapshot()).source // 'HistData'
 */
export async function withDefaultSource(data: DataProvider, source: string): Promise<DataProvider> {
  const names = [...new Set((await data.list()).map((s) => s.source))];
  const name = names.find((s) => s === source) ?? names.find((s) => s.toLowerCase() === source.toLowerCase());
  if (name === undefined) throw new InputError(`--source: no source ${JSON.stringify(source)} in the data; there is: ${names.join(', ') || '(nothing)'}`, { code: 'unknown-source' });
  return {
    kind: data.kind,
    location: data.location,
    version: () => data.version(),
    list: () => data.list(),
    snapshot: (s) => data.snapshot(s ?? name),
    fulfil: data.fulfil ? (snap, need) => data.fulfil!(snap, need) : undefined,
    bars: (symbol, o) => data.bars(symbol, { ...o, source: o.source ?? name }),
    importFiles: (paths, o) => data.importFiles(paths, o),
    refreshEcb: (o) => data.refreshEcb(o),
    isEmpty: () => data.isEmpty(),
    close: () => data.close(),
  };
}
