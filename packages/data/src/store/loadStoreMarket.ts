import type { SourceNeed } from '../analytics/sourceNeed.js';
import { InputError } from '../errors.js';
import type { ImportSummary } from '../import/types.js';
import { QueryMarket } from '../query/queryMarket.js';
import { marketData, StoreQuery } from '../query/storeQuery.js';
import { Store } from './store.js';
import { storePath } from './storePath.js';

/** Where a command's market comes from when it is given no files. */
export interface LoadStoreMarketOptions {
  /** Store file (default {@link storePath}). */
  readonly path?: string;
  /** Source to read (default: the store's choice, see `Store.market`). */
  readonly source?: string;
  /**
   * Called when the store is empty: returns a file to import first (the CLI
   * downloads the ECB history). Without it an empty store is an error.
   */
  readonly seed?: () => Promise<string>;
  /** What happened, for the user (stderr in the CLI). */
  readonly log?: (message: string) => void;
  /** What the request reads, so that the source chosen can answer it (see `sourceNeed`). */
  readonly need?: SourceNeed;
}

/**
 * The store's market for commands that read "the data" without files: one
 * source, as a {@link QueryMarket} that fetches only what a computation asks
 * for (run computations with `answer(query, market, …)`). On first use — an
 * empty or missing store — the `seed` file is imported into the store
 * first, and `log` says so; later calls read the store only.
 *
 * @throws InputError for an empty store without `seed`, a store another
 *   process is writing, or an unknown source.
 * @example (await loadStoreMarket({ seed: async () => 'eurofxref-hist.zip' })).market.source // 'ECB'
 */
export async function loadStoreMarket(options: LoadStoreMarketOptions = {}): Promise<{ market: QueryMarket; query: StoreQuery; imported?: ImportSummary }> {
  const path = options.path ?? storePath();
  const query = new StoreQuery(path);
  const reader = await Store.open(path, { readOnly: true });
  try {
    const list = await reader.list();
    if (list.length > 0) return { market: new QueryMarket(marketData(list, options.source, path, options.need)), query };
  } finally {
    await reader.close();
  }
  if (!options.seed) throw new InputError(`the store ${path} is empty; import data first (soukan import FILE…, soukan import ecb)`);
  const file = await options.seed();
  const writer = await Store.open(path);
  try {
    const imported = await writer.importFiles([file]);
    options.log?.(
      `imported ${file} into the store ${path}: ${imported.added.toLocaleString('en-US')} rows of ${imported.series.length} series (${imported.files[0]?.source ?? ''}); ` +
        'later commands read the store (soukan import ecb refreshes it, soukan list shows it)',
    );
    return { market: new QueryMarket(marketData(await writer.list(), options.source, path, options.need)), query, imported };
  } finally {
    await writer.close();
  }
}
