import { InputError } from '../errors.js';
import { oandaInstrument, parseOandaCandles, parseOandaLine } from './oandaMessages.js';
import type { TickGate } from './tickGate.js';
import type { TickRecorder } from './tickRecorder.js';
import { countProblem, type FeedStats, type Quote } from './types.js';

/**
 * The environment variable holding the OANDA v20 API token (never a
 * command-line argument: those end up in shell history and `ps`).
 *
 * @example OANDA_TOKEN_ENV // 'OANDA_TOKEN'
 */
export const OANDA_TOKEN_ENV = 'OANDA_TOKEN';

/** Options of an {@link OandaFeed}. */
export interface OandaFeedOptions {
  readonly accountId: string;
  readonly symbols: readonly string[];
  /** Token (default: `$OANDA_TOKEN`). */
  readonly token?: string;
  /** Streaming host (default OANDA's practice stream host). */
  readonly streamUrl?: string;
  /** REST host for candles (default OANDA's practice REST host). */
  readonly apiUrl?: string;
  /** Silence after which the stream is presumed dead (default 15 s; OANDA sends a heartbeat every 5 s). */
  readonly heartbeatTimeoutMs?: number;
  /** First reconnect delay, doubled per failed attempt up to `maxBackoffMs` (defaults 500 ms, 30 s). */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Give up after this many reconnects in a row without a message (default unlimited). */
  readonly maxReconnects?: number;
  /** Called with each accepted quote (after it is queued for the store). */
  readonly onQuote?: (q: Quote) => void;
  /** Status lines (connected, stalled, reconnecting in …, backfilled …). */
  readonly onStatus?: (line: string) => void;
}

const BACKFILL_GRANULARITY = 'S5';
const BACKFILL_MS = 5000;
const iso = (t: number): string => new Date(t).toISOString();

/**
 * A client of OANDA's v20 pricing stream with the candles endpoint for
 * backfill. Each line goes through the {@link TickGate} (malformed messages,
 * unknown instruments, zero/NaN prices, repeats, stale and jumping clocks
 * are counted, never stored) and accepted quotes to the {@link TickRecorder}
 * (each persisted once).
 *
 * Resilience: a heartbeat watchdog aborts a silent connection; any
 * disconnect reconnects with exponential backoff; after a reconnect, the
 * gap between each instrument's last stored quote and its first new one is
 * filled from S5 bid/ask candles (each complete candle's closes, stamped at
 * the candle's last millisecond, strictly inside the gap; the candle holding
 * the last stored quote only when it closed at another price), so the store has
 * no hole and no repeat. An invalid token (HTTP 401/403) stops the feed with
 * one line.
 *
 * @example await new OandaFeed({ accountId: '101-…', symbols: ['EUR/USD'] }).run(gate, recorder, signal)
 */
export class OandaFeed {
  private readonly token: string;

  constructor(
    readonly stats: FeedStats,
    private readonly options: OandaFeedOptions,
  ) {
    const token = options.token ?? process.env[OANDA_TOKEN_ENV];
    if (!token) throw new InputError(`OANDA needs an API token: set ${OANDA_TOKEN_ENV}`);
    this.token = token;
  }

  private status(line: string): void {
    this.options.onStatus?.(line);
  }

  /**
   * Streams until `signal` aborts (resolves) or the token is refused or
   * reconnects are exhausted (rejects with an InputError, one line).
   */
  async run(gate: TickGate, recorder: TickRecorder, signal?: AbortSignal): Promise<void> {
    const o = this.options;
    const stream = (o.streamUrl ?? 'https://stream-fxpractice.oanda.com').replace(/\/$/, '');
    const url = `${stream}/v3/accounts/${encodeURIComponent(o.accountId)}/pricing/stream?instruments=${o.symbols.map(oandaInstrument).join('%2C')}`;
    const timeout = o.heartbeatTimeoutMs ?? 15_000;
    let failures = 0;
    let reconnected = false;
    while (!signal?.aborted) {
      const conn = new AbortController();
      const stop = (): void => conn.abort();
      signal?.addEventListener('abort', stop);
      let watchdog: ReturnType<typeof setTimeout> | undefined;
      const arm = (): void => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => {
          this.stats.stalls++;
          this.status(`no message for ${timeout / 1000} s: reconnecting`);
          conn.abort();
        }, timeout);
      };
      try {
        arm();
        const res = await fetch(url, { headers: { Authorization: `Bearer ${this.token}`, 'Accept-Datetime-Format': 'RFC3339' }, signal: conn.signal });
        if (res.status === 401 || res.status === 403) {
          const body = await res.text().catch(() => '');
          const why = /"errorMessage"\s*:\s*"([^"]*)"/.exec(body)?.[1] ?? res.statusText;
          throw new InputError(`OANDA refused the token (HTTP ${res.status}: ${why}); set ${OANDA_TOKEN_ENV} to a valid v20 API token`);
        }
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        this.status(reconnected ? 'reconnected' : 'connected');
        const pendingBackfill = new Set(reconnected ? o.symbols : []);
        const decoder = new TextDecoder();
        let carry = '';
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          arm();
          failures = 0;
          const text = carry + decoder.decode(chunk, { stream: true });
          const lines = text.split('\n');
          carry = lines.pop()!;
          for (const raw of lines) {
            const line = raw.trim();
            if (line === '') continue;
            this.stats.messages++;
            const m = parseOandaLine(line);
            if (m.kind === 'heartbeat') {
              this.stats.heartbeats++;
              await recorder.flush();
            } else if (m.kind === 'malformed') countProblem(this.stats, 'malformed', m.why);
            else if (m.kind === 'unknown-instrument') countProblem(this.stats, 'unknown-instrument', m.instrument);
            else {
              const q = m.quote;
              if (pendingBackfill.delete(q.symbol) && Number.isFinite(gate.lastTime(q.symbol))) {
                clearTimeout(watchdog);
                await this.backfill(gate, recorder, q.symbol, gate.lastTime(q.symbol), q.time);
                arm();
              }
              if (gate.accept(q)) {
                const w = recorder.add(q);
                if (w) await w;
                o.onQuote?.(q);
              }
            }
          }
        }
        throw new Error('stream ended');
      } catch (e) {
        if (e instanceof InputError) throw e;
        if (signal?.aborted) break;
        if (++failures > (o.maxReconnects ?? Infinity)) throw new InputError(`OANDA stream: gave up after ${failures - 1} reconnects (${(e as Error).message})`);
        await recorder.flush();
        const wait = Math.min((o.backoffMs ?? 500) * 2 ** (failures - 1), o.maxBackoffMs ?? 30_000);
        this.stats.reconnects++;
        this.status(`disconnected (${(e as Error).message}); reconnecting in ${wait} ms`);
        await new Promise((r) => setTimeout(r, wait));
        reconnected = true;
      } finally {
        clearTimeout(watchdog);
        signal?.removeEventListener('abort', stop);
      }
    }
    await recorder.flush();
  }

  /** Fills (from, to) of one symbol from S5 candles' closes. */
  private async backfill(gate: TickGate, recorder: TickRecorder, symbol: string, from: number, to: number): Promise<void> {
    if (to - from <= BACKFILL_MS) return;
    const api = (this.options.apiUrl ?? 'https://api-fxpractice.oanda.com').replace(/\/$/, '');
    const url = `${api}/v3/instruments/${oandaInstrument(symbol)}/candles?price=BA&granularity=${BACKFILL_GRANULARITY}&from=${encodeURIComponent(iso(from))}&to=${encodeURIComponent(iso(to))}`;
    const res = await fetch(url, { headers: { Authorization: `Bearer ${this.token}`, 'Accept-Datetime-Format': 'RFC3339' } });
    if (!res.ok) {
      this.status(`backfill of ${symbol} failed (HTTP ${res.status}); the gap ${iso(from)} → ${iso(to)} stays open`);
      return;
    }
    let n = 0;
    const last = gate.lastPrice(symbol);
    for (const c of parseOandaCandles(await res.text())) {
      const t = c.time + BACKFILL_MS - 1;
      if (!c.complete || !(t > from && t < to) || !(c.bidClose > 0 && c.askClose > 0)) continue;
      // The candle holding the last stored quote, closing at its price: nothing after it in that candle to recover.
      if (c.time <= from && c.bidClose === last?.bid && c.askClose === last.ask) continue;
      const q = { symbol, time: t, bid: c.bidClose, ask: c.askClose };
      gate.advance(q);
      const w = recorder.add(q);
      if (w) await w;
      n++;
    }
    this.stats.backfilled += n;
    this.status(`backfilled ${symbol} ${iso(from)} → ${iso(to)} from ${n} S5 candles`);
  }
}
