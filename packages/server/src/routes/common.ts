import type { Schema } from '../http/params.js';

/** Schema of the matrix body (see correlationMatrixJson). */
export const matrixSchema: Schema = {
  type: 'object',
  required: ['symbols', 'matrix', 'n', 'p', 'ci', 'reason', 'method', 'on', 'window', 'timeframe', 'start', 'end', 'observations'],
  properties: {
    symbols: { type: 'array', items: { type: 'string' } },
    matrix: { type: 'array', items: { type: 'array', items: { type: ['number', 'null'] } }, description: 'coefficients, null where undefined (see reason)' },
    n: { type: 'array', items: { type: 'array', items: { type: 'integer' } }, description: 'observations per cell' },
    p: { type: 'array', items: { type: 'array', items: { type: ['number', 'null'] } }, description: 'two-sided p-values' },
    ci: { type: 'object', properties: { level: { type: 'number' }, low: { type: 'array' }, high: { type: 'array' } } },
    reason: { type: 'array', items: { type: 'array', items: { enum: [null, 'too-few-observations', 'constant-input'] } } },
    method: { enum: ['pearson', 'spearman', 'kendall'] },
    on: { enum: ['returns', 'levels'] },
    returns: { enum: ['log', 'simple', null] },
    window: { oneOf: [{ type: 'integer' }, { const: 'range' }] },
    timeframe: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    observations: { type: 'integer' },
    minPeriods: { type: 'integer' },
    order: { enum: ['given', 'cluster'] },
    source: { type: 'string' },
    attribution: { type: ['string', 'null'] },
    notes: { type: 'array', items: { type: 'string' }, description: 'things to know, in English' },
    noteCodes: {
      type: 'array',
      description: 'noteCodes[i] is the stable code of notes[i] and the values it names, for clients that word notes themselves',
      items: { type: 'object', properties: { code: { enum: ['pairs-missing', 'forward-filled'] }, params: { type: 'object' } } },
    },
  },
};
