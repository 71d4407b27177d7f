import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalFill, Xoshiro256 } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';

const ref = JSON.parse(readFileSync(fixture('packages/core/test/random/fixtures/xoshiro.json'), 'utf8')) as {
  streams: { seed: string; u64: string[]; doubles: number[]; normals: number[] }[];
  seed7_millionth: string;
};

describe('Xoshiro256 vs a plain-Python transcription of the reference C (xoshiro.gen.py)', () => {
  for (const s of ref.streams) {
    it(`seed ${s.seed}: 64-bit outputs, doubles and polar normals`, () => {
      const g = new Xoshiro256(BigInt(s.seed));
      expect(s.u64.map(() => g.nextBigInt().toString())).toEqual(s.u64);
      const d = new Xoshiro256(BigInt(s.seed));
      expect(s.doubles.map(() => d.nextFloat())).toEqual(s.doubles);
      const z = normalFill(new Xoshiro256(BigInt(s.seed)), new Float64Array(s.normals.length));
      // log/sqrt may differ by an ulp between libm and V8
      s.normals.forEach((v, i) => expect(Math.abs(z[i]! - v)).toBeLessThanOrEqual(4e-16 * Math.max(1, Math.abs(v))));
    });
  }
  it('the millionth output of seed 7', () => {
    const g = new Xoshiro256(7);
    for (let i = 0; i < 999_999; i++) g.next64();
    expect(g.nextBigInt().toString()).toBe(ref.seed7_millionth);
  });
  it('fillFloats is the nextFloat stream, in blocks; polar normals are the same with any uniform source', () => {
    const a = new Xoshiro256(99);
    const b = new Xoshiro256(99);
    const block = a.fillFloats(new Float64Array(1000));
    for (let i = 0; i < 1000; i++) expect(block[i]).toBe(b.nextFloat());
    expect(a.nextFloat()).toBe(b.nextFloat());
    const fast = normalFill(new Xoshiro256(5), new Float64Array(3001));
    const g = new Xoshiro256(5);
    const slow = normalFill({ nextFloat: () => g.nextFloat() }, new Float64Array(3001));
    expect(Array.from(fast)).toEqual(Array.from(slow));
  });
  it('number and BigInt seeds agree; non-finite seeds fall back to 0', () => {
    expect(new Xoshiro256(42).nextFloat()).toBe(new Xoshiro256(42n).nextFloat());
    expect(new Xoshiro256(NaN).nextFloat()).toBe(new Xoshiro256(0).nextFloat());
    expect(new Xoshiro256(-1).nextBigInt()).toBe(new Xoshiro256(2n ** 64n - 1n).nextBigInt());
  });
});

describe('uniform and normal draws: statistical sanity', () => {
  it('uniforms lie in [0, 1) with mean ½ and variance 1/12; uint32 in range', () => {
    const g = new Xoshiro256(3);
    let s = 0;
    let s2 = 0;
    const n = 200_000;
    let inside = true;
    for (let i = 0; i < n; i++) {
      const u = g.nextFloat();
      if (!(u >= 0 && u < 1)) inside = false;
      s += u;
      s2 += u * u;
    }
    expect(inside).toBe(true);
    expect(Math.abs(s / n - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(s2 / n - (s / n) ** 2 - 1 / 12)).toBeLessThan(0.002);
    const x = g.nextUint32();
    expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
  });
  it('normals have mean 0, variance 1, kurtosis 3 and the right tail share', () => {
    const n = 400_000;
    const z = normalFill(new Xoshiro256(11), new Float64Array(n));
    let m = 0;
    let v = 0;
    let k = 0;
    let tail = 0;
    for (const x of z) {
      m += x;
      v += x * x;
      k += x ** 4;
      if (x < -2.3263478740408408) tail++;
    }
    expect(Math.abs(m / n)).toBeLessThan(0.01);
    expect(Math.abs(v / n - 1)).toBeLessThan(0.01);
    expect(Math.abs(k / n - 3)).toBeLessThan(0.06);
    expect(Math.abs(tail / n - 0.01)).toBeLessThan(0.001);
  });
  it('empty and odd-length buffers', () => {
    expect(normalFill(new Xoshiro256(1), new Float64Array(0)).length).toBe(0);
    const a = normalFill(new Xoshiro256(1), new Float64Array(3));
    const b = normalFill(new Xoshiro256(1), new Float64Array(4));
    expect(Array.from(a)).toEqual(Array.from(b.subarray(0, 3)));
  });
});
