export {
  closeParallelPool,
  correlationMatrixParallel,
  NATIVE_MIN_SERIES,
  PARALLEL_MIN_WORK,
  PARALLEL_MIN_WORK_COLD,
  warmParallelPool,
  type ParallelCorrelationOptions,
  type KernelChoice,
  type ParallelRunInfo,
} from './correlationMatrixParallel.js';
export { WasmKernels, wasmKernelModule, wasmKernels, wasmKernelUnavailableReason, type WasmModule } from './wasmKernels.js';
export { WasmRollingKernel, wasmRollingKernel } from './wasmRollingKernel.js';
export { machineThreads } from './workerPool.js';
export { defaultRollingThreads, rollingCorrelationAllPairsParallel, type ParallelRollingOptions } from './rollingCorrelationAllPairsParallel.js';
export { nativeKernels, nativeUnavailableReason, type NativeKernels } from './nativeKernels.js';
export { computeCorrelationMatrix, type ComputedCorrelation } from './computeCorrelationMatrix.js';
