/**
 * Multiply-adds below which a product runs on one OpenBLAS thread: on the
 * 2-core machine a second thread never paid below ~10⁸ (and cost up to 3×
 * when the other core was busy), and gained 1.4–2.9× from 3 × 10⁸ on
 * (docs/native.md).
 */
export const BLAS_PARALLEL_MIN_WORK = 1e8;

/**
 * OpenBLAS threads: `$SOUKAN_BLAS_THREADS` when set (a positive integer),
 * else `$OPENBLAS_NUM_THREADS` (OpenBLAS's own setting), else `cores` (the
 * loader passes the machine's cores on the main thread and 1 inside a worker
 * thread, whose pool already spreads work over the cores). Used for products
 * of at least {@link BLAS_PARALLEL_MIN_WORK} multiply-adds; a second thread
 * was measured worth 1.8× on 1,000–3,000 series on a 2-core machine
 * (docs/native.md).
 *
 * @throws {RangeError} `$SOUKAN_BLAS_THREADS` is not a positive integer.
 * @example blasThreads({ SOUKAN_BLAS_THREADS: '1' }, 2) // 1
 */
export function blasThreads(env: NodeJS.ProcessEnv, cores: number): number {
  const set = env.SOUKAN_BLAS_THREADS;
  if (set !== undefined && set !== '') {
    const k = Number(set);
    if (!Number.isSafeInteger(k) || k < 1) throw new RangeError(`SOUKAN_BLAS_THREADS must be a positive integer (got '${set}')`);
    return k;
  }
  const own = Number(env.OPENBLAS_NUM_THREADS);
  if (Number.isSafeInteger(own) && own >= 1) return own;
  return Math.max(1, cores);
}
