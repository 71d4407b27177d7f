import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseSymbol } from '@soukan/core';
import { InputError, LivePipeline, OANDA_TOKEN_ENV, parseStoreLocation, REPLAY_PAIRS, replaySeries, Store, TickStore, webhookUrl, type AlertRule, type LiveFeedSpec } from '@soukan/data';
import { DEFAULT_LIVE_WINDOW, DEFAULT_REPLAY_FROM, DEFAULT_REPLAY_SPEED, type LiveParams } from '@soukan/requests';
import { LiveService } from './liveService.js';

/**
 * The alert rules live mode runs when the user gives none: one of each
 * kind on the eight 2017 HistData pairs, each with the parameters of the
 * example it fired on in the 2017 replay (docs/live.md).
 *
 * @example DEFAULT_RULES[0].id // 'aud-nzd-band'
 */
export const DEFAULT_RULES: readonly AlertRule[] = [
  { kind: 'breakdown-band', id: 'aud-nzd-band', pair: ['AUD/USD', 'NZD/USD'], k: 4, history: 7200 },
  { kind: 'breakdown-fisher', id: 'eur-gbp-fisher', pair: ['EUR/USD', 'GBP/USD'], window: 1440, alpha: 1e-12 },
  { kind: 'divergence', id: 'eur-chf-div', pair: ['EUR/USD', 'USD/CHF'], minRho: 0.8, horizon: 60, z: 5 },
  { kind: 'vol-spike', id: 'gbp-vol', symbol: 'GBP/USD', short: 15, ratio: 5 },
  { kind: 'move', id: 'eur-60', symbol: 'EUR/USD', pips: 60, horizonMs: 3_600_000 },
];

/** Where live mode finds what it needs. */
export interface OpenLiveOptions {
  /** The market store (a replay reads, and imports into, it). */
  readonly storePath: string;
  /** Folder of the real data a replay imports the 2017 minutes from (`$SOUKAN_SHARED_DATA`). */
  readonly sharedDir?: string;
  readonly log: (m: string) => void;
  /** OANDA reconnect backoff (tests shorten it). */
  readonly backoffMs?: number;
}

const RECORD_AS = { replay: 'replay', oanda: 'OANDA', push: 'push' } as const;

/** Alert rules from a JSON file: an array of rule objects (docs/live.md). */
function readRules(file: string): AlertRule[] {
  if (!existsSync(file)) throw new InputError(`--rules: no such file: ${file}`, { file });
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`not JSON (${(e as Error).message})`, { file });
  }
  if (!Array.isArray(v) || !v.every((r) => typeof r === 'object' && r !== null && typeof (r as { id?: unknown }).id === 'string' && typeof (r as { kind?: unknown }).kind === 'string')) {
    throw new InputError('expected a JSON array of rules, each with an id and a kind', { file });
  }
  return v as AlertRule[];
}

/**
 * Builds live mode from the command line's live parameters: the symbols
 * (default the eight 2017 HistData pairs), the alert rules (`--rules`, else
 * {@link DEFAULT_RULES} whose symbols are live), the tick store (`--tick-store`,
 * default `live.duckdb` beside the market store: the market store is opened
 * per request by the API, so a feed that writes all the time has a file of
 * its own), and the feed — a replay reads the stored HistData minutes
 * (importing them from `sharedDir` when missing) and starts its recorded
 * ticks afresh; OANDA and push continue after the last stored tick of each
 * symbol, so a restart stores nothing twice.
 *
 * @throws InputError for a bad rule, a missing OANDA account or token, or replay data that cannot be found.
 * @example const live = await openLive({ live: 'replay' }, { storePath, sharedDir, log }); live.start()
 */
export async function openLive(p: LiveParams, o: OpenLiveOptions): Promise<LiveService> {
  const feed = p.live;
  if (!feed) throw new InputError('--live: give replay, oanda or push');
  const symbols = (p.symbols ?? REPLAY_PAIRS).map((s) => parseSymbol(s).symbol);
  const live = new Set(symbols);
  const rules = p.rules !== undefined ? readRules(p.rules) : DEFAULT_RULES.filter((r) => ('pair' in r ? r.pair : [r.symbol]).every((s) => live.has(s)));
  const webhook = p.webhook === undefined ? undefined : webhookUrl(p.webhook);
  // Ticks go to a DuckDB file: beside a DuckDB store, or where --tick-store says.
  if (p.tickStore === undefined && parseStoreLocation(o.storePath).kind !== 'duckdb') throw new InputError('--live with a ClickHouse store needs --tick-store FILE (the DuckDB file live ticks and alerts go to)');
  let spec: LiveFeedSpec;
  if (feed === 'replay') {
    const from = p.from ?? DEFAULT_REPLAY_FROM;
    const store = await Store.open(o.storePath);
    try {
      const plan = await replaySeries(store, symbols, from, o.sharedDir);
      if (plan.imported.length > 0) o.log(`soukan: imported the 2017 HistData minutes of ${plan.imported.length} pair(s) into the store for the replay`);
      spec = { feed, plan, speed: p.speed ?? DEFAULT_REPLAY_SPEED };
    } finally {
      await store.close();
    }
  } else if (feed === 'oanda') {
    if (!p.account) throw new InputError('--live oanda needs --account (the v20 account id)');
    if (!process.env[OANDA_TOKEN_ENV]) throw new InputError(`--live oanda needs the API token in $${OANDA_TOKEN_ENV}`);
    spec = { feed, accountId: p.account, streamUrl: p.oandaStream, apiUrl: p.oandaApi, heartbeatTimeoutMs: (p.heartbeatTimeout ?? 15) * 1000, backoffMs: o.backoffMs };
  } else spec = { feed };
  const ticks = await TickStore.open(p.tickStore ?? join(dirname(o.storePath), 'live.duckdb'));
  try {
    const recordAs = RECORD_AS[feed];
    if (feed === 'replay') await ticks.clear(recordAs);
    const pipeline = new LivePipeline(ticks, {
      feed,
      symbols,
      window: p.window ?? DEFAULT_LIVE_WINDOW,
      rules,
      speed: feed === 'replay' ? (p.speed ?? DEFAULT_REPLAY_SPEED) : null,
      // A replay's history has weekends: its clock may jump days between bars.
      maxJumpMs: feed === 'replay' ? 7 * 86_400_000 : undefined,
      recordAs,
    });
    if (feed !== 'replay') {
      for (const s of await ticks.list()) if (s.source === recordAs && live.has(s.symbol) && Number.isFinite(s.last)) pipeline.gate.advance({ symbol: s.symbol, time: s.last, bid: NaN, ask: NaN });
    }
    return new LiveService(pipeline, ticks, spec, o.log, webhook);
  } catch (e) {
    await ticks.close();
    throw e;
  }
}
