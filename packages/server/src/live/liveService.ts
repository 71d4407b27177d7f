import { AlertLog, deliverWebhook, ingestPushLines, liveAlertOf, runLiveFeed, type Alert, type LiveEvent, type LiveFeedSpec, type LiveMatrixSession, type LivePipeline, type TickStore } from '@soukan/data';
import type { LiveAlert } from '@soukan/requests';
import { EventCoalescer } from './eventCoalescer.js';

/** One connected event-stream client. */
interface Client {
  readonly session: LiveMatrixSession;
  send(chunk: string): boolean;
  close(): void;
}

/** Status events at least this often (LIVE-CONTRACT: at least once a second). */
const STATUS_MS = 1000;
/** A comment line keeps proxies and browsers from closing an idle stream. */
const PING_MS = 15_000;
/** Matrix events at most this often: a lone bar is sent at once, a burst's bars are coalesced (a fast replay does not flood a browser). */
const COALESCE_MS = 50;

const frame = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Live mode of a server: runs a {@link LivePipeline} on its feed, keeps the
 * fired alerts in the store's alert log (once each) and POSTs them to the
 * webhook, and fans the pipeline's events out to the server-sent-event
 * clients — `matrix` (of the client's session), `strength`, `alert`,
 * `status` every second and a `: ping` comment every 15 s. A bar closing
 * after a quiet spell is sent on the next turn of the event loop; bars
 * closing faster than every 50 ms are coalesced ({@link EventCoalescer}):
 * each session's matrix is read from the pipeline at most that often, its
 * changed cells relative to the matrix sent before, and the last bar of a
 * burst follows 50 ms after the previous event. A client that does not
 * read its stream is dropped rather than buffered without bound.
 *
 * @example const live = new LiveService(pipeline, ticks, { feed: 'push' }, log); live.start()
 */
export class LiveService {
  private readonly clients = new Set<Client>();
  private readonly abort = new AbortController();
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  /** Bars of each session's matrix when it was last sent. */
  private readonly sent = new Map<LiveMatrixSession, number>();
  private readonly coalescer = new EventCoalescer(() => this.flushEvents(), COALESCE_MS);
  private alertLog: Promise<AlertLog | null>;
  private saving: Promise<unknown> = Promise.resolve();
  private running: Promise<void> = Promise.resolve();
  private pushChain: Promise<unknown> = Promise.resolve();
  /** Alerts stored so far (a repeat of the same rule and time is stored once). */
  saved = 0;

  constructor(
    readonly pipeline: LivePipeline,
    private readonly ticks: TickStore | null,
    private readonly spec: LiveFeedSpec,
    private readonly log: (m: string) => void,
    private readonly webhook?: URL,
  ) {
    const db = ticks?.database;
    this.alertLog = db ? AlertLog.on(db) : Promise.resolve(null);
    pipeline.on((e) => this.onEvent(e));
  }

  /** The feed's name. */
  get feed(): LiveFeedSpec['feed'] {
    return this.spec.feed;
  }

  /** Starts the feed and the status and ping timers. */
  start(): void {
    this.running = runLiveFeed(this.pipeline, this.spec, this.log, this.abort.signal);
    this.timers.push(setInterval(() => this.broadcast(frame('status', this.pipeline.status())), STATUS_MS));
    this.timers.push(setInterval(() => this.broadcast(': ping\n\n'), PING_MS));
    for (const t of this.timers) t.unref();
  }

  private onEvent(e: LiveEvent): void {
    if (e.type === 'alert') {
      this.log(`soukan: alert: ${e.alert.message}`);
      this.broadcast(frame('alert', e.data));
      this.persist(e.alert);
      return;
    }
    this.coalescer.poke();
  }

  /** Sends each session's matrix that has new bars (with the cells changed since the one sent before) and the strength. */
  private flushEvents(): void {
    if (this.clients.size === 0) return;
    const p = this.pipeline;
    const frames = new Map<LiveMatrixSession, string>();
    for (const c of this.clients) {
      if (frames.has(c.session)) continue;
      const bars = p.bars(c.session);
      const m = bars === this.sent.get(c.session) ? null : p.takeMatrix(c.session);
      this.sent.set(c.session, bars);
      frames.set(c.session, m ? frame('matrix', m) : '');
    }
    const st = p.strengthEvent();
    const strength = st ? frame('strength', st) : '';
    for (const c of this.clients) {
      const chunk = frames.get(c.session)! + strength;
      if (chunk) this.write(c, chunk);
    }
  }

  private persist(a: Alert): void {
    this.saving = this.saving
      .then(async () => {
        const log = await this.alertLog;
        if (log && (await log.save(a))) this.saved++;
      })
      .catch((e: Error) => this.log(`soukan: could not store an alert: ${e.message}`));
    if (this.webhook) {
      const url = this.webhook;
      void deliverWebhook(url, a).then((r) => {
        if (!r.delivered) this.log(`soukan: webhook ${url.host}: alert ${a.ruleId} not delivered after ${r.attempts} attempts (${r.status ?? r.error})`);
      });
    }
  }

  private write(c: Client, chunk: string): void {
    if (!c.send(chunk)) {
      this.clients.delete(c);
      c.close();
    }
  }

  private broadcast(chunk: string): void {
    for (const c of this.clients) this.write(c, chunk);
  }

  /**
   * A `text/event-stream` response: the snapshot first, then the events.
   *
   * @example return live.events('london')
   */
  events(session: LiveMatrixSession, signal?: AbortSignal): Response {
    const enc = new TextEncoder();
    let client: Client | undefined;
    const body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          client = {
            session,
            send: (chunk) => {
              // More than ~4 MB unread: the client is not keeping up.
              if ((controller.desiredSize ?? 0) < -4_000_000) return false;
              controller.enqueue(enc.encode(chunk));
              return true;
            },
            close: () => {
              try {
                controller.close();
              } catch {
                /* already closed */
              }
            },
          };
          client.send(`retry: 2000\n\n${frame('snapshot', this.pipeline.snapshot(session))}`);
          this.clients.add(client);
          signal?.addEventListener('abort', () => client && this.clients.delete(client));
        },
        cancel: () => {
          if (client) this.clients.delete(client);
        },
      },
      { highWaterMark: 1, size: (chunk) => chunk.byteLength },
    );
    return new Response(body, { headers: { 'Content-Type': 'text/event-stream; charset=UTF-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' } });
  }

  /** Stored alerts, newest first. */
  async alerts(limit: number): Promise<LiveAlert[]> {
    await this.saving;
    const log = await this.alertLog;
    if (!log) return this.pipeline.snapshot().alerts.slice(0, limit);
    const all = await log.list();
    return all.slice(-limit).reverse().map(liveAlertOf);
  }

  /**
   * Pushed JSON lines (`POST /api/ticks`, a WebSocket message) through the
   * gate, recorder and analytics; serialised so lines from several
   * connections keep their order per connection and never interleave a batch.
   */
  push(text: string): Promise<{ lines: number; accepted: number }> {
    const run = this.pushChain.then(async () => {
      const before = this.pipeline.stats.messages;
      const rec = this.pipeline.recorder;
      if (!rec) throw new Error('push input needs a tick store');
      const accepted = await ingestPushLines(text, this.pipeline.gate, rec, this.pipeline.stats, (q) => this.pipeline.analyse(q));
      return { lines: this.pipeline.stats.messages - before, accepted };
    });
    this.pushChain = run.catch(() => undefined);
    return run;
  }

  /** Stops the feed, ends every stream, writes what is buffered and closes the tick store. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private closing: Promise<void> | undefined;

  private async shutdown(): Promise<void> {
    this.abort.abort();
    for (const t of this.timers) clearInterval(t);
    this.coalescer.cancel();
    for (const c of this.clients) c.close();
    this.clients.clear();
    await this.running;
    await this.pushChain;
    await this.saving;
    await this.ticks?.close();
  }
}
