export {
  closeParallelPool,
  correlationMatrixParallel,
  PARALLEL_MIN_WORK,
  PARALLEL_MIN_WORK_COLD,
  warmParallelPool,
  type ParallelCorrelationOptions,
  type ParallelRunInfo,
} from './correlationMatrixParallel.js';
export { WasmKernels, wasmKernelModule, wasmKernels, wasmKernelUnavailableReason, type WasmModule } from './wasmKernels.js';
export { WasmRollingKernel, wasmRollingKernel } from './wasmRollingKernel.js';
export { machineThreads } from './workerPool.js';
export { defaultRollingThreads, rollingCorrelationAllPairsParallel, type ParallelRollingOptions } from './rollingCorrelationAllPairsParallel.js';
