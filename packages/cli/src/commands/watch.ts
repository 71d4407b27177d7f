import { resolve } from 'node:path';
import { InputError, readServerSentEvents, storePath, type LiveEvent } from '@soukan/data';
import { liveEventsRequest, liveRequest, type LiveAlert, type LiveMatrixEvent, type LiveStatus, type LiveStrengthEvent } from '@soukan/requests';
import { openLive } from '@soukan/server';
import type { Command } from 'commander';
import { addExamples, addRequest, cliInput, parseCli } from '../requestOptions.js';

interface WatchOptions {
  store?: string;
  token?: string;
}

/** What the terminal view shows. */
interface View {
  status: LiveStatus | null;
  matrix: LiveMatrixEvent | null;
  strength: LiveStrengthEvent | null;
  alerts: LiveAlert[];
}

const short = (s: string): string => s.replace('/', '');
const cell = (v: number | null): string => (v === null ? '    ·' : `${v >= 0 ? ' ' : ''}${v.toFixed(2)}`.padStart(5));

/** The status line: feed, state, last tick, lag, reconnects, ticks, drops. */
function statusLine(s: LiveStatus): string {
  const d = s.dropped;
  const dropped = d.duplicate + d.outOfOrder + d.invalid + d.unknown;
  return (
    `${s.feed}${s.speed ? ` ${s.speed}×` : ''} ${s.state} · last tick ${s.lastTickTime?.replace('.000Z', 'Z') ?? '—'} · lag ${s.lagMs === null ? '—' : `${(s.lagMs / 1000).toFixed(1)} s`} · ` +
    `${s.reconnects} reconnects · ${s.ticks.toLocaleString('en-US')} ticks · dropped ${dropped} (dup ${d.duplicate}, order ${d.outOfOrder}, invalid ${d.invalid}, unknown ${d.unknown})`
  );
}

/** The live matrix, compact: the upper triangle of rolling ρ, changed cells marked. */
function matrixText(m: LiveMatrixEvent): string {
  const k = m.symbols.length;
  const changed = new Set(m.changed);
  const lines = [`ρ ${m.session} · ${m.window} M1 bars · ${m.time.replace(':00.000Z', 'Z')}`, `       ${m.symbols.slice(1).map((s) => short(s).padStart(7)).join('')}`];
  let p = 0;
  for (let i = 0; i < k - 1; i++) {
    let row = short(m.symbols[i]!).padEnd(7) + ' '.repeat(7 * i);
    for (let j = i + 1; j < k; j++, p++) row += `${changed.has(p) ? '*' : ' '}${cell(m.rolling[p] ?? null)} `;
    lines.push(row);
  }
  return lines.join('\n');
}

function render(v: View): string {
  const parts: string[] = [];
  if (v.matrix) parts.push(matrixText(v.matrix));
  if (v.strength) {
    const ranked = v.strength.currencies.map((c, i) => [c, v.strength!.scores[i] ?? null] as const).sort((a, b) => (b[1] ?? -Infinity) - (a[1] ?? -Infinity));
    parts.push(`strength ${ranked.map(([c, s]) => `${c} ${s === null ? '—' : s.toFixed(2)}`).join('  ')}`);
  }
  if (v.status) parts.push(statusLine(v.status));
  if (v.alerts.length > 0) parts.push(['alerts (newest first):', ...v.alerts.slice(0, 8).map((a) => `  ${a.time.replace('.000Z', 'Z')} ${a.message}`)].join('\n'));
  return parts.join('\n\n');
}

export function registerWatch(program: Command): void {
  const cmd = program
    .command('watch')
    .summary('live matrix, feed status and alerts in the terminal')
    .description(
      'Shows the live correlation matrix (rolling ρ, changed cells marked *), currency strength, the feed status line ' +
        'and alerts as they fire — from a running `soukan serve --live` (--url) or from a feed run here (--live).\n' +
        'Not on a terminal, it prints one line per alert and a status line every 10 s.',
    )
    .option('--store <path>', 'with --live: the store (default $SOUKAN_STORE, else soukan.duckdb in the soukan data folder)')
    .option('--token <secret>', 'with --url: the server\'s bearer token (default $SOUKAN_TOKEN)');
  const names = [...addRequest(cmd, liveEventsRequest), ...addRequest(cmd, liveRequest)];
  addExamples(cmd, liveEventsRequest);
  cmd.action(async (opts: WatchOptions, self: Command) => {
    const input = cliInput(self, names);
    const { session, url } = parseCli(liveEventsRequest, { session: input.session, url: input.url });
    const liveInput = Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'session' && k !== 'url'));
    const live = parseCli(liveRequest, liveInput);
    if ((url === undefined) === (live.live === undefined)) throw new InputError('watch: give --url of a running server, or --live replay|oanda|push to run a feed here');
    const view: View = { status: null, matrix: null, strength: null, alerts: [] };
    const tty = process.stdout.isTTY === true;
    let drawn = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastStatusLine = 0;
    const draw = (): void => {
      timer = undefined;
      drawn = Date.now();
      process.stdout.write(`\x1b[H\x1b[2J${render(view)}\n`);
    };
    const schedule = (): void => {
      if (!tty) return;
      if (timer === undefined) timer = setTimeout(draw, Math.max(0, 250 - (Date.now() - drawn)));
    };
    const want = session ?? 'all';
    const onEvent = (type: string, data: unknown): void => {
      if (type === 'snapshot') {
        const s = data as { feed: LiveStatus; matrix: LiveMatrixEvent | null; strength: LiveStrengthEvent | null; alerts: LiveAlert[] };
        Object.assign(view, { status: s.feed, matrix: s.matrix, strength: s.strength, alerts: s.alerts });
      } else if (type === 'matrix') {
        const m = data as LiveMatrixEvent;
        if (m.session === want) view.matrix = m;
      } else if (type === 'strength') view.strength = data as LiveStrengthEvent;
      else if (type === 'status') {
        view.status = data as LiveStatus;
        if (!tty && Date.now() - lastStatusLine >= 10_000) {
          lastStatusLine = Date.now();
          process.stdout.write(`status: ${statusLine(view.status)}\n`);
        }
      } else if (type === 'alert') {
        const a = data as LiveAlert;
        view.alerts.unshift(a);
        if (view.alerts.length > 100) view.alerts.pop();
        if (!tty) process.stdout.write(`alert: ${a.time} ${a.kind} ${a.message}\n`);
      }
      schedule();
    };
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    process.once('SIGTERM', () => stop.abort());
    if (url !== undefined) {
      const token = opts.token ?? process.env.SOUKAN_TOKEN;
      const address = new URL(`api/live/events?session=${want}`, url.endsWith('/') ? url : `${url}/`);
      let res: Response;
      try {
        res = await fetch(address, { headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, signal: stop.signal });
      } catch (e) {
        throw new InputError(`watch: cannot reach ${address.host}: ${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message}`);
      }
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
        throw new InputError(`watch: ${address.host} answered HTTP ${res.status}: ${body.error?.message ?? res.statusText}`);
      }
      try {
        for await (const e of readServerSentEvents(res.body as unknown as AsyncIterable<Uint8Array>)) onEvent(e.event, JSON.parse(e.data));
      } catch (e) {
        if (!stop.signal.aborted) throw new InputError(`watch: the event stream from ${address.host} broke: ${(e as Error).message}`);
      }
      if (!stop.signal.aborted) process.stderr.write(`soukan: the server at ${address.host} closed the event stream\n`);
    } else {
      const log = (m: string): void => void process.stderr.write(`${m}\n`);
      const service = await openLive(live, { storePath: resolve(opts.store ?? storePath()), sharedDir: process.env.SOUKAN_SHARED_DATA, log: tty ? () => {} : log });
      const p = service.pipeline;
      onEvent('snapshot', p.snapshot(want));
      p.on((e: LiveEvent) => {
        if (e.type === 'alert') onEvent('alert', e.data);
        else if (tty && timer === undefined) {
          const m = p.takeMatrix(want);
          if (m) onEvent('matrix', m);
          const st = p.strengthEvent();
          if (st) onEvent('strength', st);
        }
      });
      const tick = setInterval(() => onEvent('status', p.status()), 1000);
      service.start();
      let check: ReturnType<typeof setInterval> | undefined;
      await new Promise<void>((done) => {
        stop.signal.addEventListener('abort', () => done());
        check = setInterval(() => p.state === 'stopped' && done(), 200);
      });
      clearInterval(check);
      clearInterval(tick);
      await service.close();
      onEvent('status', p.status());
      if (!tty) process.stdout.write(`status: ${statusLine(p.status())}\n`);
    }
    clearTimeout(timer);
    if (tty) draw();
  });
}
