/**
 * @soukan/native — optional native kernels for Node: Gram products through
 * OpenBLAS (Node-API add-on built by `npm run build`). When the add-on is
 * absent, {@link loadNative} returns null and callers use the WebAssembly or
 * TypeScript kernels.
 */
export type { NativeKernels } from './nativeKernels.js';
export { loadNative, nativeUnavailableReason, NATIVE_ADDON_PATH } from './loadNative.js';
export { BLAS_PARALLEL_MIN_WORK, blasThreads } from './blasThreads.js';
export { checkDim, checkDisjoint, checkMatrix, MAX_BLAS_DIM } from './checkArgs.js';
