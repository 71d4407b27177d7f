/** Path of the compiled kernels (packages/wasm/build/kernels.wasm). */
export const WASM_PATH: string;
/** Builds build/kernels.wasm if missing or older than its sources; returns its path. */
export function buildWasm(options?: { force?: boolean }): Promise<string>;
