import { sourceParam } from './common.js';
import { defineRequest } from './spec/request.js';

/** What the dashboard needs to build its forms (`GET /api/meta`; no command). */
export const metaRequest = defineRequest({
  name: 'meta',
  summary: { en: 'Sources, addressable pairs, universes, timeframes and the server limits', ja: 'ソース、扱えるペア、ユニバース、足、サーバーの制限' },
  params: { source: sourceParam },
  rules: [],
  examples: [],
});

/** A request with no parameters (`GET /api/health`, a job's state). */
export const emptyRequest = defineRequest({ name: 'none', summary: { en: 'no parameters', ja: 'パラメーターなし' }, params: {}, rules: [], examples: [] });
