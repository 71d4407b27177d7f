// Worker-thread entry of the compute pool: keeps the markets it was sent and
// runs tasks on them; results go back as JSON text.
import { parentPort } from 'node:worker_threads';
import { InputError, marketOf, NeedData, type DataAbout, type Market, type MarketNeed, type QueryMarketData } from '@soukan/data';
import type { PriceSeries } from '@soukan/core';
import type { SerializedError } from '../http/errorResponse.js';
import { runTask, type TaskName } from './tasks.js';

/** Messages from the pool. */
export type ToWorker =
  | { readonly type: 'market'; readonly id: string; readonly label: string; readonly frequency: 'daily' | 'intraday'; readonly series: readonly PriceSeries[]; readonly query?: QueryMarketData }
  | { readonly type: 'drop'; readonly id: string }
  | { readonly type: 'task'; readonly seq: number; readonly task: TaskName; readonly marketId: string; readonly params: unknown; readonly about: DataAbout };

/** Messages to the pool. */
export type FromWorker =
  | { readonly seq: number; readonly body: string }
  | { readonly seq: number; readonly error: SerializedError }
  | { readonly seq: number; readonly need: MarketNeed };

const markets = new Map<string, Market>();

function serialize(e: unknown): SerializedError {
  if (e instanceof InputError) return { name: 'InputError', message: e.message, code: e.code, params: e.params ? { ...e.params } : undefined };
  const err = e as Error;
  return { name: err?.name ?? 'Error', message: err?.message ?? String(e), stack: err?.stack };
}

parentPort!.on('message', async (m: ToWorker) => {
  if (m.type === 'market') {
    markets.set(m.id, marketOf(m));
  } else if (m.type === 'drop') {
    markets.delete(m.id);
  } else {
    let reply: FromWorker;
    try {
      const market = markets.get(m.marketId);
      if (!market) throw new Error(`worker has no market ${m.marketId}`);
      reply = { seq: m.seq, body: await runTask(m.task, market, m.params, m.about) };
    } catch (e) {
      // Data the market does not hold yet: the pool fetches it and runs the task again.
      reply = e instanceof NeedData ? { seq: m.seq, need: e.need } : { seq: m.seq, error: serialize(e) };
    }
    parentPort!.postMessage(reply);
  }
});
