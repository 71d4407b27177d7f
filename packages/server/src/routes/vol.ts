import { volatilityRequest, volatilityResponse } from '@soukan/requests';
import { requestRoute } from '../http/route.js';

/** `GET /api/volatility` (`soukan vol`). */
export const volatilityRoute = requestRoute({
  method: 'get',
  path: '/api/volatility',
  tag: 'risk',
  summary: volatilityRequest.summary.en,
  description: 'As `soukan vol --format json`. Range estimators, ATR and the range tables need OHLC bars (intraday data); daily fixings give close-to-close, EWMA and GARCH only.',
  request: volatilityRequest,
  response: volatilityResponse,
  heavy: true,
  handle: async (c, q, ctx) => ctx.compute(c, 'volatility', await ctx.data.snapshot(q.source), { ...q, symbol: q.symbol! }),
});
