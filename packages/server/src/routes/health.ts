import { emptyRequest, healthResponse } from '@soukan/requests';
import { requestRoute } from '../http/route.js';

/** `GET /api/health`. */
export const healthRoute = requestRoute({
  method: 'get',
  path: '/api/health',
  tag: 'server',
  summary: 'Liveness: version and data version',
  request: emptyRequest,
  response: healthResponse,
  handle: (c, _q, ctx) => c.json({ ok: true, version: ctx.version, dataVersion: ctx.data.version() }),
});

