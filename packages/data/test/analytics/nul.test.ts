import { describe, expect, it } from 'vitest';
import { nul } from '../../src/analytics/nul.js';

describe('nul', () => {
  it('writes NaN and ±Infinity as null (JSON cannot carry them; CSV must not print them), finite values as they are', () => {
    expect([NaN, Infinity, -Infinity, 0, -0.5, 1e308].map(nul)).toEqual([null, null, null, 0, -0.5, 1e308]);
  });
});
