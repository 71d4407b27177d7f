import { StrengthState } from '@soukan/core';
import { SNAPSHOT_ALERTS, type LiveAlert, type LiveMatrixEvent, type LiveSnapshot, type LiveStatus, type LiveStrengthEvent } from '@soukan/requests';
import { AlertEngine } from '../alerts/alertEngine.js';
import type { Alert, AlertRule } from '../alerts/types.js';
import type { TickStore } from '../ticks/tickStore.js';
import { LiveMatrix } from './liveMatrix.js';
import { inSession, type LiveSession } from './liveSession.js';
import { TickGate } from './tickGate.js';
import { TickRecorder } from './tickRecorder.js';
import { newFeedStats, type FeedStats, type Quote } from './types.js';

/** Where live quotes come from. */
export type LiveSource = LiveStatus['feed'];
/** A feed's state. */
export type LiveState = LiveStatus['state'];
/** The matrix of every bar, or of one session's bars. */
export type LiveMatrixSession = 'all' | LiveSession;

/** Options of a {@link LivePipeline}. */
export interface LivePipelineOptions {
  readonly feed: LiveSource;
  readonly symbols: readonly string[];
  /** Rolling window, bars (default 1,440). */
  readonly window?: number;
  /** Minimum complete bars per window (default min(window, 1,000)). */
  readonly minPeriods?: number;
  /** EWM decay (default 0.99). */
  readonly lambda?: number;
  readonly rules?: readonly AlertRule[];
  /** Replay speed-up (reported in the status; null for real-time feeds). */
  readonly speed?: number | null;
  /** The gate's clock-jump allowance, ms (default 10 min; a replay passes days). */
  readonly maxJumpMs?: number;
  /** Source name the recorder stores ticks under (default the feed's name). */
  readonly recordAs?: string;
  /** Wall clock; injectable for tests. */
  readonly now?: () => number;
}

/**
 * What a pipeline tells its listeners: a bar closed (read the payloads with
 * {@link LivePipeline.takeMatrix} and {@link LivePipeline.strengthEvent} when
 * you are ready — readers slower than the bars lose nothing but
 * intermediate values), or an alert fired.
 */
export type LiveEvent = { readonly type: 'bar' } | { readonly type: 'alert'; readonly data: LiveAlert; readonly alert: Alert };

const SESSIONS: readonly LiveSession[] = ['tokyo', 'london', 'newyork'];
const HOUR = 3_600_000;
const BAR: LiveEvent = { type: 'bar' };
const isoOrNull = (t: number): string | null => (Number.isFinite(t) ? new Date(t).toISOString() : null);
function nums(a: Float64Array): (number | null)[] {
  const out = new Array<number | null>(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    out[i] = Number.isFinite(v) ? v : null;
  }
  return out;
}

/**
 * The ISO-timed form of an alert the live API sends.
 *
 * @example liveAlertOf({ ruleId: 'r', kind: 'move', time: 0, subject: 'EUR/USD', message: 'm', evidence: {} }).time // '1970-01-01T00:00:00.000Z'
 */
export function liveAlertOf(a: Alert): LiveAlert {
  return { ruleId: a.ruleId, kind: a.kind, time: new Date(a.time).toISOString(), subject: a.subject, message: a.message, evidence: { ...a.evidence } };
}

/**
 * One live pipeline, whatever the source: every quote passes the
 * {@link TickGate} (dropped and counted when bad), is persisted once by the
 * {@link TickRecorder}, and feeds four {@link LiveMatrix}es — every bar, and
 * the bars inside the Tokyo, London and New York sessions (a session matrix
 * restarts its returns at each open) — the currency strength of the
 * all-bars matrix (`StrengthState`, index 100 at the first bar) and the
 * {@link AlertEngine}. Listeners hear of each closed bar and each alert;
 * the live API's payloads (LIVE-CONTRACT) are built when read: `matrix` of
 * a session with the pairs whose ρ rounded to 2 decimals changed since the
 * previous one taken, `strength`, the status and the snapshot.
 *
 * Per quote: the gate, a buffered append, O(1) per matrix; session
 * membership is looked up once per hour of feed time. Per bar: the states'
 * O(pairs) updates, the alert rules and strength's O(pairs × currencies);
 * building a payload is O(pairs), paid only when one is read.
 *
 * @example const p = new LivePipeline(ticks, { feed: 'replay', symbols: ['EUR/USD', 'USD/JPY'] }); p.on((e) => send(e)); p.take(q)
 */
export class LivePipeline {
  readonly stats: FeedStats = newFeedStats();
  readonly gate: TickGate;
  readonly recorder: TickRecorder | null;
  readonly matrices: ReadonlyMap<LiveMatrixSession, LiveMatrix>;
  /** Null when the symbols do not link every currency (a single pair). */
  readonly strength: StrengthState | null;
  readonly engine: AlertEngine;
  state: LiveState = 'connecting';
  /** Wall time of the last accepted quote. */
  lastWall = NaN;
  private readonly rounded = new Map<LiveMatrixSession, Float64Array>();
  private strengthTime = NaN;
  private readonly alerts: LiveAlert[] = [];
  private readonly listeners: ((e: LiveEvent) => void)[] = [];
  private readonly now: () => number;
  private hour = NaN;
  private readonly open = new Uint8Array(SESSIONS.length);
  private readonly sessionMatrices: LiveMatrix[];
  private readonly all: LiveMatrix;
  /** Index of each symbol in the matrices. */
  private readonly index: Map<string, number>;

  constructor(
    store: TickStore | null,
    readonly options: LivePipelineOptions,
  ) {
    this.now = options.now ?? Date.now;
    const symbols = options.symbols;
    this.gate = new TickGate(this.stats, { symbols, maxJumpMs: options.maxJumpMs, now: this.now });
    this.recorder = store ? new TickRecorder(store, options.recordAs ?? options.feed) : null;
    const window = options.window ?? 1440;
    const mo = { window, minPeriods: options.minPeriods ?? Math.min(window, 1000), lambda: options.lambda };
    const all = new LiveMatrix(symbols, mo);
    this.all = all;
    this.index = new Map(symbols.map((s, i) => [s, i]));
    const m = new Map<LiveMatrixSession, LiveMatrix>([['all', all]]);
    for (const s of SESSIONS) m.set(s, new LiveMatrix(symbols, mo));
    this.matrices = m;
    this.sessionMatrices = SESSIONS.map((s) => m.get(s)!);
    let strength: StrengthState | null = null;
    try {
      strength = new StrengthState(symbols);
    } catch {
      // Pairs that cannot identify the currencies' factors: no strength, the matrix still works.
    }
    this.strength = strength;
    this.engine = new AlertEngine(all, options.rules ?? [], (a) => {
      const data = liveAlertOf(a);
      this.alerts.unshift(data);
      if (this.alerts.length > SNAPSHOT_ALERTS) this.alerts.pop();
      this.emit({ type: 'alert', data, alert: a });
    });
    all.onUpdate((u) => {
      const st = this.strength;
      if (st) {
        st.push(u.returns);
        this.strengthTime = u.time;
      }
      this.emit(BAR);
    });
  }

  /** Calls `fn` on every closed bar and alert; returns the function that stops it. */
  on(fn: (e: LiveEvent) => void): () => void {
    this.listeners.push(fn);
    return () => {
      const i = this.listeners.indexOf(fn);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  private emit(e: LiveEvent): void {
    for (const fn of this.listeners) fn(e);
  }

  /** Bars a session's matrix has closed so far. */
  bars(session: LiveMatrixSession = 'all'): number {
    return this.matrices.get(session)!.bars;
  }

  /**
   * The matrix of a session as of its last closed bar (null before the
   * first), with `changed`: the pairs whose ρ rounded to 2 decimals differs
   * from the previous matrix taken. `take` makes this the previous one (the
   * event stream takes; a state request only looks). O(pairs).
   */
  matrix(session: LiveMatrixSession = 'all', take = false): LiveMatrixEvent | null {
    const m = this.matrices.get(session)!;
    if (m.bars === 0) return null;
    const u = m.current();
    let r = this.rounded.get(session);
    if (!r) this.rounded.set(session, (r = new Float64Array(u.rolling.length).fill(NaN)));
    const changed: number[] = [];
    for (let p = 0; p < u.rolling.length; p++) {
      const v = u.rolling[p]!;
      const x = Number.isFinite(v) ? Math.round(v * 100) : NaN;
      const was = r[p]!;
      if (x !== was && !(Number.isNaN(x) && Number.isNaN(was))) {
        changed.push(p);
        if (take) r[p] = x;
      }
    }
    return {
      time: new Date(u.time).toISOString(),
      timeframe: 'M1',
      window: m.rolling.window,
      session,
      symbols: [...u.symbols],
      rolling: nums(u.rolling),
      ewm: nums(u.ewm),
      vol: nums(u.vol),
      close: nums(u.close),
      changed,
    };
  }

  /** {@link matrix} taken: the next one's `changed` is relative to this one. */
  takeMatrix(session: LiveMatrixSession = 'all'): LiveMatrixEvent | null {
    return this.matrix(session, true);
  }

  /** Currency strength as of the last closed bar (null before the first, or without strength). */
  strengthEvent(): LiveStrengthEvent | null {
    const st = this.strength;
    if (!st || !Number.isFinite(this.strengthTime)) return null;
    return { time: new Date(this.strengthTime).toISOString(), currencies: [...st.currencies], scores: nums(st.index()) };
  }

  /**
   * The analytics of one quote the gate accepted and the recorder took:
   * the matrices (the session ones only inside their session) and the
   * alert engine's quote rules.
   */
  analyse(q: Quote): void {
    this.lastWall = this.now();
    const h = Math.floor(q.time / HOUR);
    if (h !== this.hour) {
      this.hour = h;
      for (let s = 0; s < SESSIONS.length; s++) {
        const inside = inSession(SESSIONS[s]!, q.time) ? 1 : 0;
        if (inside !== this.open[s]) {
          if (inside) this.sessionMatrices[s]!.restart();
          else this.sessionMatrices[s]!.flush();
          this.open[s] = inside;
        }
      }
    }
    const i = this.index.get(q.symbol);
    if (i !== undefined) {
      const mid = (q.bid + q.ask) / 2;
      this.all.pushAt(i, q.time, mid);
      for (let s = 0; s < SESSIONS.length; s++) if (this.open[s]) this.sessionMatrices[s]!.pushAt(i, q.time, mid);
    }
    this.engine.push(q);
  }

  /**
   * One quote through the whole pipeline: gate, recorder, analytics.
   * Returns a promise to await when the recorder wants backpressure.
   */
  take(q: Quote): Promise<void> | undefined {
    if (!this.gate.accept(q)) return undefined;
    const w = this.recorder?.add(q);
    this.analyse(q);
    return w;
  }

  /** Closes the open bars (end of a replay) and writes what the recorder holds. */
  async finish(): Promise<void> {
    for (const m of this.matrices.values()) m.flush();
    await this.recorder?.flush();
  }

  /** The feed's status (LIVE-CONTRACT `LiveStatus`). */
  status(): LiveStatus {
    const s = this.stats;
    const p = s.problems;
    const last = s.lastTick;
    const now = this.now();
    const lag = this.options.feed === 'replay' ? now - this.lastWall : now - last;
    return {
      feed: this.options.feed,
      state: this.state,
      lastTickTime: isoOrNull(last),
      lagMs: Number.isFinite(lag) ? Math.max(0, Math.round(lag)) : null,
      reconnects: s.reconnects,
      ticks: s.accepted + s.backfilled,
      dropped: { duplicate: p.duplicate, outOfOrder: p['out-of-order'], invalid: p.malformed + p['bad-price'] + p['clock-jump'], unknown: p['unknown-instrument'] },
      speed: this.options.speed ?? null,
    };
  }

  /** Everything a client needs on connect (LIVE-CONTRACT `LiveSnapshot`). */
  snapshot(session: LiveMatrixSession = 'all'): LiveSnapshot {
    return { feed: this.status(), matrix: this.matrix(session), strength: this.strengthEvent(), alerts: [...this.alerts] };
  }
}
