/**
 * Multiply-adds below which one OpenBLAS thread is as fast as two on the
 * 2-core machine the project is measured on (docs/native.md): smaller
 * products run on one thread, larger ones on {@link blasThreads}.
 */
export const BLAS_PARALLEL_MIN_WORK = 1e8;

/**
 * OpenBLAS threads for large products: `$SOUKAN_BLAS_THREADS` when set
 * (a positive integer), else `$OPENBLAS_NUM_THREADS` (OpenBLAS's own
 * setting), else `cores` — the measured gain of a second thread on a 2-core
 * machine is 1.6–1.9× for 1,000–3,000 series (docs/native.md).
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
