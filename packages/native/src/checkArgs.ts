/** Largest dimension Debian's OpenBLAS takes (its BLAS integers are 32-bit). */
export const MAX_BLAS_DIM = 2147483647;

/**
 * Checks that `value` is a matrix dimension the add-on can take.
 *
 * @throws {RangeError} not an integer in [0, {@link MAX_BLAS_DIM}].
 * @example checkDim('syrk', 't', 2500) // returns; checkDim('syrk', 't', -1) throws
 */
export function checkDim(fn: string, name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_BLAS_DIM) {
    throw new RangeError(`${fn}: ${name} must be an integer in [0, ${MAX_BLAS_DIM}] (got ${String(value)})`);
  }
}

/**
 * Checks that `a` is a `Float64Array` holding at least `rows`·`cols` values.
 * The product is computed in doubles: past 2⁵³ it is inexact but still larger
 * than any array, so the check stays right.
 *
 * @throws {TypeError} `a` is not a `Float64Array`.
 * @throws {RangeError} `a` is too short.
 * @example checkMatrix('syrk', 'a', new Float64Array(6), 3, 2) // returns
 */
export function checkMatrix(fn: string, name: string, a: unknown, rows: number, cols: number): asserts a is Float64Array {
  if (!(a instanceof Float64Array)) throw new TypeError(`${fn}: ${name} must be a Float64Array`);
  const need = rows * cols;
  if (a.length < need) throw new RangeError(`${fn}: ${name} has ${a.length} values, needs ${rows} × ${cols} = ${need}`);
}

/**
 * Checks that the output does not share memory with an input (BLAS reads
 * the inputs while writing the output).
 *
 * @throws {RangeError} the byte ranges of `out` and `a` overlap.
 * @example checkDisjoint('syrk', 'a', new Float64Array(4), new Float64Array(4)) // returns
 */
export function checkDisjoint(fn: string, name: string, a: Float64Array, out: Float64Array): void {
  if (a.buffer !== out.buffer) return;
  const a0 = a.byteOffset;
  const o0 = out.byteOffset;
  if (a0 < o0 + out.byteLength && o0 < a0 + a.byteLength) throw new RangeError(`${fn}: out overlaps ${name}`);
}
