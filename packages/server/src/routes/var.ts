import { confidenceList, parseVarMethods } from '@soukan/data';
import { varRequest, varResponse } from '@soukan/requests';
import { requestRoute } from '../http/route.js';
import { parsed, positionsOf } from './positions.js';

/** `GET /api/var` (`soukan var`). */
export const varRoute = requestRoute({
  method: 'get',
  path: '/api/var',
  tag: 'risk',
  summary: varRequest.summary.en,
  description: 'As `soukan var --format json`: historical (numpy linear quantile), normal, Cornish–Fisher, EWMA and Monte Carlo (seeded) VaR/ES, losses positive, in return, pips and money.',
  request: varRequest,
  response: varResponse,
  heavy: true,
  handle: async (c, q, ctx) => {
    const { positions, confidence, method, source, ...rest } = q;
    return ctx.compute(c, 'var', await ctx.data.snapshot(source), {
      ...rest,
      positions: positionsOf(positions, true),
      confidence: confidence === undefined ? undefined : parsed('confidence', confidence, () => confidenceList(confidence)),
      methods: method === undefined ? undefined : parsed('method', method, () => parseVarMethods(method)),
    });
  },
});
