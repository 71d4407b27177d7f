import { parseSymbol } from '@soukan/core';
import type { TickGate } from './tickGate.js';
import type { TickRecorder } from './tickRecorder.js';
import { countProblem, type FeedStats, type Quote } from './types.js';

/**
 * Decodes one line of the generic push input — what a user's bridge (an
 * MT4/MT5 expert advisor, a broker SDK) sends: a JSON object
 * `{"symbol":"EURUSD","time":"2019-02-04T10:00:00.123Z","bid":1.14512,"ask":1.14518}`.
 * `symbol` in any spelling `parseSymbol` takes; `time` ISO 8601 with a zone
 * or epoch milliseconds; `bid`/`ask` numbers or decimal strings. Returns the
 * quote (prices NaN when not numbers: the gate counts them as bad prices),
 * or why the line is malformed.
 *
 * @example parsePushLine('{"symbol":"eur_usd","time":1549274400123,"bid":"1.14512","ask":1.14518}') // { quote: { symbol: 'EUR/USD', time: 1549274400123, bid: 1.14512, ask: 1.14518 } }
 */
export function parsePushLine(line: string): { quote: Quote } | { malformed: string } | { unknown: string } {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return { malformed: `not JSON: ${JSON.stringify(line.slice(0, 80))}` };
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return { malformed: 'not a JSON object' };
  const m = o as Record<string, unknown>;
  if (typeof m.symbol !== 'string') return { malformed: 'no symbol' };
  let symbol: string;
  try {
    symbol = parseSymbol(m.symbol).symbol;
  } catch {
    return { unknown: m.symbol };
  }
  const time = typeof m.time === 'number' ? m.time : typeof m.time === 'string' && /(Z|[+-]\d\d:?\d\d)$/.test(m.time) ? Date.parse(m.time) : NaN;
  if (!Number.isFinite(time)) return { malformed: `${symbol}: time ${JSON.stringify(m.time)} is not ISO 8601 with a zone or epoch ms` };
  const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN);
  return { quote: { symbol, time, bid: num(m.bid), ask: num(m.ask) } };
}

/**
 * Takes pushed JSON lines (one request body or WebSocket message may hold
 * many) through the gate into the recorder: every line is counted in
 * `stats` — accepted, or dropped with its reason — and never throws on data.
 *
 * @returns how many quotes were accepted from these lines.
 * @example await ingestPushLines(body, gate, recorder, stats, (q) => matrix.push(q)) // 2
 */
export async function ingestPushLines(text: string, gate: TickGate, recorder: TickRecorder, stats: FeedStats, onQuote?: (q: Quote) => void): Promise<number> {
  let n = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    stats.messages++;
    const r = parsePushLine(line);
    if ('malformed' in r) countProblem(stats, 'malformed', r.malformed);
    else if ('unknown' in r) countProblem(stats, 'unknown-instrument', r.unknown);
    else if (gate.accept(r.quote)) {
      const w = recorder.add(r.quote);
      if (w) await w;
      onQuote?.(r.quote);
      n++;
    }
  }
  await recorder.flush();
  return n;
}
