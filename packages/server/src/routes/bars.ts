import { barsRequest, barsResponse } from '@soukan/requests';
import { requestRoute } from '../http/route.js';

const nums = (a: Float64Array | undefined): (number | null)[] | undefined => (a ? Array.from(a, (v) => (Number.isFinite(v) ? v : null)) : undefined);

/** `GET /api/bars`: bars of one pair (`soukan bars`). */
export const barsRoute = requestRoute({
  method: 'get',
  path: '/api/bars',
  tag: 'data',
  summary: 'Bars (or fixings) of any addressable pair, optionally resampled',
  description: 'Times are epoch ms (bar open; daily observations at 00:00 UTC of their date). Without timeframe: the stored observations.',
  request: barsRequest,
  response: barsResponse,
  handle: async (c, q, ctx) => {
    const r = await ctx.data.bars(q.symbol!, { source: q.source, timeframe: q.timeframe, from: q.from, to: q.to });
    const s = r.series;
    return c.json({
      symbol: s.symbol,
      source: r.source,
      timeframe: r.timeframe ?? null,
      time: Array.from(s.time),
      open: nums(s.open) ?? null,
      high: nums(s.high) ?? null,
      low: nums(s.low) ?? null,
      close: nums(s.close),
      volume: nums(s.volume) ?? null,
      notes: r.notes,
    });
  },
});
