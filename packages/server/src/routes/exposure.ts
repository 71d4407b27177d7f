import { confidenceList } from '@soukan/data';
import { exposureRequest, exposureResponse } from '@soukan/requests';
import { requestRoute } from '../http/route.js';
import { parsed, positionsOf } from './positions.js';

/** `GET /api/exposure` (`soukan exposure`). */
export const exposureRoute = requestRoute({
  method: 'get',
  path: '/api/exposure',
  tag: 'risk',
  summary: exposureRequest.summary.en,
  request: exposureRequest,
  response: exposureResponse,
  heavy: true,
  handle: async (c, q, ctx) => {
    const { positions, confidence, source, ...rest } = q;
    return ctx.compute(c, 'exposure', await ctx.data.snapshot(source), {
      ...rest,
      positions: positionsOf(positions, false),
      confidence: confidence === undefined ? undefined : parsed('confidence', confidence, () => confidenceList(confidence)),
    });
  },
});
