import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import * as requests from '../src/index.js';
import {
  cliFlag,
  correlationRequest,
  correlationSeriesRequest,
  defaultWindowText,
  ERROR_CODES,
  isErrorCode,
  MAX_WINDOW,
  PARAM_LABELS,
  paramLabel,
  openApiParameters,
  parseRequest,
  RequestError,
  toJsonSchema,
  withDefaults,
} from '../src/index.js';

const refusal = (f: () => unknown): RequestError => {
  try {
    f();
  } catch (e) {
    if (e instanceof RequestError) return e;
    throw e;
  }
  throw new Error('accepted');
};

describe('parseRequest', () => {
  it('converts text, leaves defaults out, and parses its own output to the same values', () => {
    const v = parseRequest(correlationRequest, { symbols: 'EUR/USD,usdjpy', window: '60', align: 'ffill:2', end: '2024-12-31', method: 'Kendall' }, { text: true });
    expect(v).toEqual({ symbols: ['EUR/USD', 'usdjpy'], window: 60, align: { kind: 'ffill', limit: 2 }, end: Date.UTC(2024, 11, 31), method: 'kendall' });
    expect(parseRequest(correlationRequest, v)).toEqual(v);
    // The window's default depends on the timeframe the data layer resolves (defaultWindow): none is filled in here.
    expect(withDefaults(correlationRequest, {}).window).toBeUndefined();
    expect(withDefaults(correlationRequest, {}).method).toBe('pearson');
  });

  it('any window the spec accepts as text it accepts as a value, and the reverse', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -5, max: MAX_WINDOW + 5 }), fc.constant(2), fc.constant(MAX_WINDOW)), (n) => {
        const ok = n >= 2 && n <= MAX_WINDOW;
        const text = (): unknown => parseRequest(correlationRequest, { window: String(n) }, { text: true });
        const value = (): unknown => parseRequest(correlationRequest, { window: n });
        if (ok) expect(text()).toEqual(value());
        else expect([refusal(text).code, refusal(value).code]).toEqual(['invalid-param', 'invalid-param']);
      }),
    );
  });

  it('names the parameter in the front end’s words, with the rule and its values', () => {
    const e = refusal(() => parseRequest(correlationRequest, { window: '1' }, { text: true, label: cliFlag }));
    expect(e.message).toBe(`--window: expected a whole number from 2 to ${MAX_WINDOW}, or "all", got "1"`);
    expect(e.params).toMatchObject({ param: 'window', value: '1', rule: 'window-range', min: 2, max: MAX_WINDOW });
  });

  it('cross-field rules: a count or a range, min-periods within the window (default included), rolling or ewm', () => {
    expect(refusal(() => parseRequest(correlationRequest, { window: 100, from: 0 })).params).toEqual({ param: 'window', other: 'from' });
    expect(refusal(() => parseRequest(correlationRequest, { minPeriods: 251, timeframe: 'D1' })).params).toMatchObject({ param: 'minPeriods', max: 250, rule: 'at-most' });
    // Without a window or timeframe the data decides the timeframe (H1 on intraday: 6,000), so the data layer checks.
    expect(parseRequest(correlationRequest, { minPeriods: 1000 })).toEqual({ minPeriods: 1000 });
    expect(refusal(() => parseRequest(correlationRequest, { minPeriods: 6001, timeframe: 'H1' })).params).toMatchObject({ param: 'minPeriods', max: 6000, rule: 'at-most' });
    expect(parseRequest(correlationRequest, { minPeriods: 6000, timeframe: 'H1' })).toEqual({ minPeriods: 6000, timeframe: 'H1' });
    expect(parseRequest(correlationRequest, { minPeriods: 300, window: 'all' })).toEqual({ minPeriods: 300, window: 'all' });
    expect(refusal(() => parseRequest(correlationRequest, { from: 2, to: 1 })).code).toBe('invalid-range');
    expect(refusal(() => parseRequest(correlationSeriesRequest, { symbols: ['EUR/USD', 'GBP/USD'] })).code).toBe('missing-param');
    expect(refusal(() => parseRequest(correlationSeriesRequest, { symbols: ['EUR/USD', 'GBP/USD'], rolling: 5, ewm: 0.9 })).code).toBe('conflicting-params');
  });

  it('own parameter names only: Object.prototype members are unknown parameters', () => {
    for (const name of Object.getOwnPropertyNames(Object.prototype)) {
      const input = Object.create(null) as Record<string, unknown>;
      input[name] = '1';
      const e = refusal(() => parseRequest(correlationRequest, input, { text: true }));
      expect(e.code, name).toBe('unknown-param');
      expect(e.params.param).toBe(name);
    }
  });
});

describe('derived descriptions', () => {
  it('OpenAPI parameters carry the same bounds and defaults', () => {
    const window = openApiParameters(correlationRequest).find((p) => p.name === 'window')!;
    expect(window.schema).toEqual({ anyOf: [{ type: 'integer', minimum: 2, maximum: MAX_WINDOW }, { type: 'string', const: 'all' }], description: `default: ${defaultWindowText('correlation')}` });
    expect(toJsonSchema(z.number().check(z.int(), z.minimum(2)))).toEqual({ type: 'integer', minimum: 2, maximum: Number.MAX_SAFE_INTEGER });
  });

  it('every parameter is described in English and Japanese', () => {
    for (const spec of [correlationRequest, correlationSeriesRequest]) {
      for (const [name, p] of Object.entries(spec.params)) {
        expect(p.description.en.trim(), name).not.toBe('');
        expect(p.description.ja.trim(), name).not.toBe('');
      }
    }
  });
});

describe('labels', () => {
  it('every parameter the API takes has a form label in English and Japanese, and no label is for a parameter that is not there', () => {
    const specs = Object.values(requests).filter((v): v is requests.RequestSpec => typeof v === 'object' && v !== null && 'params' in v && 'rules' in v);
    expect(specs.length).toBeGreaterThan(20);
    const names = new Set(specs.flatMap((s) => Object.entries(s.params).filter(([, p]) => p.api !== false).map(([n]) => n)));
    for (const n of names) {
      expect(Object.hasOwn(PARAM_LABELS, n), `no label for ${n}`).toBe(true);
      expect(paramLabel(n, 'en').trim(), n).not.toBe('');
      expect(paramLabel(n, 'ja').trim(), n).not.toBe('');
      expect(paramLabel(n, 'ja'), n).not.toBe(n);
    }
    for (const n of Object.keys(PARAM_LABELS)) expect(names.has(n), `label for ${n}, which no request takes`).toBe(true);
    expect([paramLabel('minPeriods', 'en'), paramLabel('minPeriods', 'ja'), paramLabel('tickStore', 'en')]).toEqual(['Minimum periods', '最小観測数', 'tickStore']);
  });
});

describe('error codes', () => {
  it('are unique and recognised', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(ERROR_CODES.every(isErrorCode)).toBe(true);
    expect(isErrorCode('no-such-code')).toBe(false);
  });
});
