import { existsSync } from 'node:fs';
import { answer, attributionOf, describeProblem, ecbHistory, InputError, loadStoreMarket, Market, readDataset, type Dataset, type ReadOptions, type SourceNeed } from '@soukan/data';
import { readRequest } from '@soukan/requests';
import { addRequest, parseCli } from './requestOptions.js';
import type { Command } from 'commander';

/** Options every data-reading command accepts: the readers' options, plus the files and a forced format. */
export interface DataOptions extends Omit<ReadOptions, 'format'> {
  data?: string[];
  input?: string;
  /** Store file read when no --data is given. */
  store?: string;
  /** Source within the store. */
  source?: string;
}

/** The readers' options of a command's --input, --tz, --time-column … flags. */
export function readOptionsOf(opts: Omit<DataOptions, 'data'>): ReadOptions {
  const given = Object.fromEntries(Object.keys(readRequest.params).map((k) => [k, (opts as Record<string, unknown>)[k]]));
  const { input, skipBadRows, tz, timeColumn, dateFormat, delimiter, symbol } = parseCli(readRequest, given);
  return { format: input, skipBadRows, tz, timeColumn, dateFormat, delimiter, symbol };
}

/** A market plus what the user should be told about where it came from. */
export interface LoadedMarket {
  readonly market: Market;
  /** Short description of the data for header lines. */
  readonly description: string;
  /** Attribution the data's terms ask for, if any. */
  readonly attribution?: string;
  /** The files' dataset (absent when the market came from the store). */
  readonly dataset?: Dataset;
  /** Runs a computation on the market, fetching from the store what it asks for. */
  run<T>(compute: (m: Market) => T | Promise<T>): Promise<T>;
}

/** Adds the data options to a command. */
export function withDataOptions(cmd: Command): Command {
  addRequest(cmd, readRequest);
  return cmd
    .option(
      '--data <file>',
      'a data file: ECB, Fed H.10, FRED, HistData, MetaTrader or CSV (.zip/.gz ok); repeat for more, or list them after one --data (a shell glob); default: the store (--store; on first use the ECB history is downloaded into it), or $SOUKAN_ECB_FILE',
      (file: string, files: string[] = []) => [...files, file],
    )
    .option('--store <path>', 'without --data: read this store (default $SOUKAN_STORE, else soukan.duckdb in the soukan data folder)')
    .option('--source <name>', 'without --data: which source in the store (ECB, HistData, …)');
}

/**
 * A local copy of the ECB file to use when the download fails and nothing is
 * cached: $SOUKAN_ECB_FALLBACK (`npm start` points it at the real-data folder
 * beside a development checkout).
 */
function fallbacks(): string[] {
  const env = process.env.SOUKAN_ECB_FALLBACK;
  return env ? [env] : [];
}

/**
 * Loads the market a command works on: the `--data` files, else
 * `$SOUKAN_ECB_FILE`, else the store — on first use (empty store) the ECB
 * history is downloaded (cached) and imported into it. From the store, the
 * source is the one that can answer `need` (see `sourceNeed`), and one
 * `source:` line on stderr says which it is and what else is stored.
 */
export async function loadMarket(opts: DataOptions, need?: SourceNeed, log: (m: string) => void = (m) => process.stderr.write(`${m}\n`)): Promise<LoadedMarket> {
  let files = opts.data;
  if (!files || files.length === 0) {
    const env = process.env.SOUKAN_ECB_FILE;
    if (env) {
      if (!existsSync(env)) throw new InputError(`SOUKAN_ECB_FILE points to a missing file: ${env}`);
      files = [env];
    } else {
      const seed = async (): Promise<string> => {
        try {
          return (await ecbHistory({ log, fallbacks: fallbacks() })).path;
        } catch (e) {
          throw new InputError((e as Error).message);
        }
      };
      const { market, query } = await loadStoreMarket({ path: opts.store, source: opts.source, seed, log, need });
      const description = `${market.source} ${market.frequency} data (${market.quoted.length} quoted series, from the store)`;
      const notes = market.notes.map((n) => n.replace(/^reading \S.* from the store \((also stored: .*)\)$/, '$1'));
      log(`source: ${[opts.source ? `${description}, as --source asks` : description, ...notes].join('; ')}`);
      return { market, description, attribution: attributionOf(market.source), run: (compute) => answer(query, market, compute) };
    }
  }
  const readOpts = readOptionsOf(opts);
  for (const f of files) if (!existsSync(f)) throw new InputError(`no such file: ${f}`);
  const dataset = await readDataset(files.length === 1 ? files[0]! : files, readOpts);
  if (dataset.skipped.count > 0) {
    const first = dataset.skipped.first.map(describeProblem);
    log(`skipped ${dataset.skipped.count} bad row(s); first: ${first.slice(0, 3).join('; ')}`);
  }
  const attribution = attributionOf(dataset.source);
  const description = `${dataset.source} ${dataset.frequency} data (${dataset.series.length} quoted series)`;
  const market = new Market(dataset.series, { label: `the ${dataset.source} data`, frequency: dataset.frequency });
  return { market, description, attribution, dataset, run: async (compute) => compute(market) };
}
