import { InputError } from '../errors.js';
import type { LivePipeline } from './livePipeline.js';
import { OandaFeed } from './oandaFeed.js';
import { replayBatches } from './replayFeed.js';
import type { ReplayPlan } from './replaySource.js';

/** What a live pipeline runs on. */
export type LiveFeedSpec =
  | { readonly feed: 'replay'; readonly plan: ReplayPlan; readonly speed: number }
  | { readonly feed: 'oanda'; readonly accountId: string; readonly token?: string; readonly streamUrl?: string; readonly apiUrl?: string; readonly heartbeatTimeoutMs?: number; readonly backoffMs?: number; readonly maxBackoffMs?: number }
  | { readonly feed: 'push' };

/**
 * Runs a pipeline's feed until it ends or `signal` aborts, keeping
 * `pipeline.state` current: a replay plays its warm-up at once and the rest
 * at `speed`× (then `stopped`); OANDA streams with its watchdog, reconnects
 * and backfill (`live` / `stalled` / `reconnecting`; an invalid token stops
 * it with one line, passed to `log`); a push pipeline is fed by the server's
 * endpoints and only waits. Never throws: a feed that fails is `stopped`
 * and its reason logged.
 *
 * @example await runLiveFeed(pipeline, { feed: 'replay', plan, speed: 60 }, console.error, signal)
 */
export async function runLiveFeed(pipeline: LivePipeline, spec: LiveFeedSpec, log: (line: string) => void, signal?: AbortSignal): Promise<void> {
  try {
    if (spec.feed === 'replay') {
      for (const part of [spec.plan.warmup, spec.plan.paced]) {
        pipeline.state = 'live';
        const speed = part === spec.plan.warmup ? Infinity : spec.speed;
        for await (const batch of replayBatches(part, { speed, signal })) {
          for (const q of batch) {
            const w = pipeline.take(q);
            if (w) await w;
          }
          // Paced batches are small and sparse: write what came so it is stored while the replay waits.
          if (speed !== Infinity) await pipeline.recorder?.flush();
        }
      }
      await pipeline.finish();
      if (!signal?.aborted) log('soukan: the replay reached the end of the stored history');
    } else if (spec.feed === 'oanda') {
      const feed = new OandaFeed(pipeline.stats, {
        accountId: spec.accountId,
        symbols: pipeline.options.symbols,
        token: spec.token,
        streamUrl: spec.streamUrl,
        apiUrl: spec.apiUrl,
        heartbeatTimeoutMs: spec.heartbeatTimeoutMs,
        backoffMs: spec.backoffMs,
        maxBackoffMs: spec.maxBackoffMs,
        onQuote: (q) => pipeline.analyse(q),
        onStatus: (line) => {
          pipeline.state = /^(connected|reconnected)/.test(line) ? 'live' : /^no message/.test(line) ? 'stalled' : /^disconnected/.test(line) ? 'reconnecting' : pipeline.state;
          log(`soukan: OANDA: ${line}`);
        },
      });
      const recorder = pipeline.recorder;
      if (!recorder) throw new InputError('an OANDA feed needs a tick store');
      await feed.run(pipeline.gate, recorder, signal);
      await pipeline.finish();
    } else {
      pipeline.state = 'live';
      await new Promise<void>((resolve) => {
        if (signal?.aborted) resolve();
        signal?.addEventListener('abort', () => resolve());
      });
      await pipeline.finish();
    }
  } catch (e) {
    log(`soukan: live feed stopped: ${(e as Error).message}`);
    await pipeline.recorder?.flush().catch(() => undefined);
  } finally {
    pipeline.state = 'stopped';
  }
}
