import type { CorrelationMatrix } from '@soukan/core';
import { correlationMatrixParallel, type ParallelCorrelationOptions, type ParallelRunInfo } from './correlationMatrixParallel.js';

/** A matrix and how the dispatcher computed it. */
export interface ComputedCorrelation {
  readonly matrix: CorrelationMatrix;
  readonly run: ParallelRunInfo;
}

/**
 * The compute dispatcher of correlation matrices, the one the CLI and the
 * HTTP API call: {@link correlationMatrixParallel} with the kernel and the
 * threads chosen for the input (see `docs/performance.md`): the OpenBLAS
 * add-on for the Gram product when it loads, else the WebAssembly SIMD
 * kernels when built, else core's TypeScript kernels (the reference); more
 * threads only when the estimated work pays for a worker
 * (`PARALLEL_MIN_WORK`) and never from inside a worker thread. The
 * result equals `correlationMatrix(columns, options)` up to the rounding of
 * the product's summation order (≤ 1e-12; tested for every kernel).
 *
 * @throws RangeError as `correlationMatrix` (columns of different lengths, invalid options).
 * @example
 * const { matrix, run } = await computeCorrelationMatrix(columns, { significance: false });
 * run.kernels // 'native' with the add-on built, else 'wasm'
 */
export async function computeCorrelationMatrix(columns: readonly Float64Array[], options: ParallelCorrelationOptions = {}): Promise<ComputedCorrelation> {
  let run: ParallelRunInfo | undefined;
  const matrix = await correlationMatrixParallel(columns, {
    ...options,
    onRun: (info) => {
      run = info;
      options.onRun?.(info);
    },
  });
  return { matrix, run: run! };
}
