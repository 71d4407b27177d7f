/**
 * xoshiro256** 1.0 (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 2021; reference C at https://prng.di.unimi.it/): a
 * 256-bit-state, period 2^256 − 1 generator, seeded through splitmix64 as its
 * authors recommend, so equal seeds give equal streams on every platform.
 *
 * The 64-bit state is kept as eight unsigned 32-bit halves because BigInt
 * arithmetic is ~50× slower in V8; BigInt is used only once, to seed.
 *
 * @example
 *   const g = new Xoshiro256(42);
 *   g.nextFloat(); // 0.08386297105988216 (first double of seed 42, as the Python reference)
 */
export class Xoshiro256 {
  // s0..s3 as [hi, lo] pairs.
  private a0 = 0;
  private a1 = 0;
  private b0 = 0;
  private b1 = 0;
  private c0 = 0;
  private c1 = 0;
  private d0 = 0;
  private d1 = 0;
  /** Result of the last {@link next64} call: high and low 32 bits. */
  hi = 0;
  lo = 0;

  /** @param seed any integer (a safe-integer number or a BigInt); reduced mod 2^64. */
  constructor(seed: number | bigint = 0) {
    const MASK = (1n << 64n) - 1n;
    let x = (typeof seed === 'bigint' ? seed : BigInt(Math.trunc(Number.isFinite(seed) ? seed : 0))) & MASK;
    const split = (): [number, number] => {
      x = (x + 0x9e3779b97f4a7c15n) & MASK;
      let z = x;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
      z ^= z >> 31n;
      return [Number(z >> 32n), Number(z & 0xffffffffn)];
    };
    [this.a0, this.a1] = split();
    [this.b0, this.b1] = split();
    [this.c0, this.c1] = split();
    [this.d0, this.d1] = split();
  }

  /** Advances the state; the 64-bit output is left in {@link hi} and {@link lo}. */
  next64(): void {
    // result = rotl(s1 * 5, 7) * 9
    let p = this.b1 * 5;
    let lo = p >>> 0;
    let hi = (Math.imul(this.b0, 5) + Math.floor(p / 4294967296)) >>> 0;
    const rh = ((hi << 7) | (lo >>> 25)) >>> 0;
    const rl = ((lo << 7) | (hi >>> 25)) >>> 0;
    p = rl * 9;
    lo = p >>> 0;
    hi = (Math.imul(rh, 9) + Math.floor(p / 4294967296)) >>> 0;
    this.hi = hi;
    this.lo = lo;
    // t = s1 << 17
    const th = ((this.b0 << 17) | (this.b1 >>> 15)) >>> 0;
    const tl = (this.b1 << 17) >>> 0;
    this.c0 = (this.c0 ^ this.a0) >>> 0; // s2 ^= s0
    this.c1 = (this.c1 ^ this.a1) >>> 0;
    this.d0 = (this.d0 ^ this.b0) >>> 0; // s3 ^= s1
    this.d1 = (this.d1 ^ this.b1) >>> 0;
    this.b0 = (this.b0 ^ this.c0) >>> 0; // s1 ^= s2
    this.b1 = (this.b1 ^ this.c1) >>> 0;
    this.a0 = (this.a0 ^ this.d0) >>> 0; // s0 ^= s3
    this.a1 = (this.a1 ^ this.d1) >>> 0;
    this.c0 = (this.c0 ^ th) >>> 0; // s2 ^= t
    this.c1 = (this.c1 ^ tl) >>> 0;
    // s3 = rotl(s3, 45) = rotl(swap halves, 13)
    const dh = this.d0;
    const dl = this.d1;
    this.d0 = ((dl << 13) | (dh >>> 19)) >>> 0;
    this.d1 = ((dh << 13) | (dl >>> 19)) >>> 0;
  }

  /**
   * Fills `out` with the next `out.length` doubles of {@link nextFloat}, with
   * the state held in locals for the loop (about 4× faster than calling
   * `nextFloat` per value). Same stream, same order.
   */
  fillFloats(out: Float64Array): Float64Array {
    let a0 = this.a0;
    let a1 = this.a1;
    let b0 = this.b0;
    let b1 = this.b1;
    let c0 = this.c0;
    let c1 = this.c1;
    let d0 = this.d0;
    let d1 = this.d1;
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < out.length; i++) {
      let p = b1 * 5;
      lo = p >>> 0;
      hi = (Math.imul(b0, 5) + Math.floor(p / 4294967296)) >>> 0;
      const rh = ((hi << 7) | (lo >>> 25)) >>> 0;
      const rl = ((lo << 7) | (hi >>> 25)) >>> 0;
      p = rl * 9;
      lo = p >>> 0;
      hi = (Math.imul(rh, 9) + Math.floor(p / 4294967296)) >>> 0;
      out[i] = (hi * 2097152 + (lo >>> 11)) * 1.1102230246251565e-16;
      const th = ((b0 << 17) | (b1 >>> 15)) >>> 0;
      const tl = (b1 << 17) >>> 0;
      c0 = (c0 ^ a0) >>> 0;
      c1 = (c1 ^ a1) >>> 0;
      d0 = (d0 ^ b0) >>> 0;
      d1 = (d1 ^ b1) >>> 0;
      b0 = (b0 ^ c0) >>> 0;
      b1 = (b1 ^ c1) >>> 0;
      a0 = (a0 ^ d0) >>> 0;
      a1 = (a1 ^ d1) >>> 0;
      c0 = (c0 ^ th) >>> 0;
      c1 = (c1 ^ tl) >>> 0;
      const dh = d0;
      d0 = ((d1 << 13) | (dh >>> 19)) >>> 0;
      d1 = ((dh << 13) | (d1 >>> 19)) >>> 0;
    }
    this.a0 = a0;
    this.a1 = a1;
    this.b0 = b0;
    this.b1 = b1;
    this.c0 = c0;
    this.c1 = c1;
    this.d0 = d0;
    this.d1 = d1;
    this.hi = hi;
    this.lo = lo;
    return out;
  }

  /** The next 64-bit output as a BigInt (for tests and interop; slow). */
  nextBigInt(): bigint {
    this.next64();
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  /** The high 32 bits of the next output, in [0, 2^32). */
  nextUint32(): number {
    this.next64();
    return this.hi;
  }

  /**
   * A double uniform on [0, 1): the top 53 bits of the next output × 2^−53,
   * the conversion the generator's authors recommend.
   */
  nextFloat(): number {
    this.next64();
    return (this.hi * 2097152 + (this.lo >>> 11)) * 1.1102230246251565e-16;
  }
}
