import { emptyRequest } from '@soukan/requests';
import { requestRoute } from '../http/route.js';

/** `GET /api/health`. */
export const healthRoute = requestRoute({
  method: 'get',
  path: '/api/health',
  tag: 'server',
  summary: 'Liveness: version and data version',
  request: emptyRequest,
  response: { type: 'object', properties: { ok: { const: true }, version: { type: 'string' }, dataVersion: { type: 'integer' } } },
  handle: (c, _q, ctx) => c.json({ ok: true, version: ctx.version, dataVersion: ctx.data.version() }),
});

