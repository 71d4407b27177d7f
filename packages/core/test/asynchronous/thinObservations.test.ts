import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { thinObservations } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';

// The kept set follows the xoshiro256** stream of the plain-Python transcription of the authors'
// C reference (packages/core/test/random/fixtures/xoshiro.gen.py): observation i is kept when the
// i-th double of the seed's stream is below `keep`.
const streams = (JSON.parse(readFileSync(fixture('packages/core/test/random/fixtures/xoshiro.json'), 'utf8')) as { streams: { seed: string; doubles: number[] }[] }).streams;

describe('thinObservations', () => {
  for (const s of streams.filter((x) => Number.isSafeInteger(Number(x.seed)))) {
    it(`seed ${s.seed}: keeps exactly the observations whose double is below keep`, () => {
      const n = s.doubles.length;
      const time = Array.from({ length: n }, (_, i) => 1000 + 60_000 * i);
      const value = Float64Array.from({ length: n }, (_, i) => Math.log(1.05 + i / 1000));
      for (const keep of [0.2, 0.5, 0.9]) {
        const want = s.doubles.map((u, i) => (u < keep ? i : -1)).filter((i) => i >= 0);
        const got = thinObservations(time, value, keep, Number(s.seed));
        expect(Array.from(got.time)).toEqual(want.map((i) => time[i]));
        expect(Array.from(got.value)).toEqual(want.map((i) => value[i]));
      }
    });
  }
  it('keep 1 keeps everything; empty input; bad keep and bad times throw', () => {
    expect(thinObservations([1, 2, 3], Float64Array.of(1, 2, 3), 1, 5).time.length).toBe(3);
    expect(thinObservations([], new Float64Array(0), 0.5, 5).time.length).toBe(0);
    expect(() => thinObservations([1, 2], Float64Array.of(1, 2), 0, 1)).toThrow(/keep must be in \(0, 1\], got 0/);
    expect(() => thinObservations([1, 2], Float64Array.of(1, 2), Number.NaN, 1)).toThrow(RangeError);
    expect(() => thinObservations([2, 1], Float64Array.of(1, 2), 0.5, 1)).toThrow(/increase strictly/);
    expect(() => thinObservations([1, 2], Float64Array.of(1), 0.5, 1)).toThrow(/2 times but 1 values/);
  });
});
