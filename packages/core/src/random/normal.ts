import { Xoshiro256 } from './xoshiro256.js';

/** Anything that yields uniform doubles on [0, 1). */
export interface UniformSource {
  nextFloat(): number;
}

/**
 * Fills `out` with independent standard normal draws by Marsaglia's polar
 * method (Marsaglia & Bray 1964; Knuth TAOCP vol. 2, 3.4.1 Algorithm P): two
 * uniforms on (−1, 1) are accepted inside the unit disc (probability π/4) and
 * turned into two normals with one log and one square root. Uses only `log`
 * and `sqrt`, so a seed reproduces the same draws wherever IEEE doubles do.
 *
 * Complexity O(n), about 1.27 uniform pairs per normal pair. With a
 * {@link Xoshiro256} the uniforms are drawn in blocks of 512 (the same
 * stream, in the same order, faster); uniforms left in the last block are
 * discarded, so the generator ends up to 511 draws further on than the
 * normals used — deterministic for a given seed and `out.length`.
 *
 * @example normalFill(new Xoshiro256(1), new Float64Array(4)) // four N(0,1) draws, the same on every run
 */
export function normalFill(rng: UniformSource | Xoshiro256, out: Float64Array): Float64Array {
  if (rng instanceof Xoshiro256) return normalFillBlocks(rng, out);
  const n = out.length;
  let i = 0;
  while (i < n) {
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * rng.nextFloat() - 1;
      v = 2 * rng.nextFloat() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    out[i++] = u * f;
    if (i < n) out[i++] = v * f;
  }
  return out;
}

const BLOCK = 512;

function normalFillBlocks(rng: Xoshiro256, out: Float64Array): Float64Array {
  const n = out.length;
  if (n === 0) return out;
  const buf = new Float64Array(BLOCK);
  let k = BLOCK;
  let i = 0;
  while (i < n) {
    let u: number;
    let v: number;
    let s: number;
    do {
      if (k >= BLOCK - 1) {
        rng.fillFloats(buf);
        k = 0;
      }
      u = 2 * buf[k++]! - 1;
      v = 2 * buf[k++]! - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    out[i++] = u * f;
    if (i < n) out[i++] = v * f;
  }
  return out;
}
