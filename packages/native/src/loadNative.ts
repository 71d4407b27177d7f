import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { BLAS_PARALLEL_MIN_WORK, blasThreads } from './blasThreads.js';
import { checkDim, checkDisjoint, checkMatrix } from './checkArgs.js';
import type { NativeKernels } from './nativeKernels.js';

/** What addon/kernels.cc exports. */
interface Addon {
  syrk(a: Float64Array, t: number, n: number, out: Float64Array): void;
  syrkRows(z: Float64Array, n: number, t: number, out: Float64Array): void;
  gemmTN(a: Float64Array, b: Float64Array, t: number, n: number, m: number, out: Float64Array): void;
  info(): { config: string; corename: string; threads: number; parallel: number };
  setThreads(threads: number): void;
}

/**
 * Where `packages/native/build.mjs` puts the add-on (the same relative path
 * from src/ under vitest and from dist/ when built).
 */
export const NATIVE_ADDON_PATH = fileURLToPath(new URL('../addon/build/Release/soukan_native.node', import.meta.url));

let loaded: NativeKernels | null | undefined;
let failure: string | undefined;

/**
 * The native Gram kernels (OpenBLAS), or `null` when `SOUKAN_NATIVE=0`
 * switches them off, the add-on was not built (or `SOUKAN_NATIVE_ADDON`
 * names a file that is not there) (no compiler or no OpenBLAS
 * where the project was built: `npm run build` says why), or it cannot be
 * loaded here. Never throws; {@link nativeUnavailableReason} says why it is
 * null. Loaded once per thread; `SOUKAN_NATIVE` is read at every call.
 *
 * @example
 * const k = loadNative();
 * if (k) k.syrk(a, t, n, out); else wasmOrTypeScriptGram(a, t, n, out);
 */
export function loadNative(): NativeKernels | null {
  if (process.env.SOUKAN_NATIVE === '0') return null;
  if (loaded !== undefined) return loaded;
  let threads: number;
  try {
    threads = blasThreads(process.env, isMainThread ? availableParallelism() : 1);
  } catch (e) {
    failure = (e as Error).message;
    return (loaded = null);
  }
  try {
    // SOUKAN_NATIVE_ADDON names another add-on file; a path with nothing
    // there is the machine where it could not be built (the tests hide it so).
    loaded = wrap(createRequire(import.meta.url)(process.env.SOUKAN_NATIVE_ADDON || NATIVE_ADDON_PATH) as Addon, threads);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    failure = err.code === 'MODULE_NOT_FOUND' ? 'add-on not built (npm run build says why)' : `add-on cannot be loaded: ${String(err.message).split('\n')[0]}`;
    loaded = null;
  }
  return loaded;
}

/**
 * Why {@link loadNative} returns null (for `soukan doctor` and `--verbose`),
 * or undefined when the native kernels are in use.
 *
 * @example nativeUnavailableReason() // 'disabled by SOUKAN_NATIVE=0'
 */
export function nativeUnavailableReason(): string | undefined {
  if (process.env.SOUKAN_NATIVE === '0') return 'disabled by SOUKAN_NATIVE=0';
  loadNative();
  return failure;
}

/**
 * Validating wrapper around the add-on. Products under
 * {@link BLAS_PARALLEL_MIN_WORK} multiply-adds run on one OpenBLAS thread,
 * larger ones on `threads`. OpenBLAS's thread count is one setting for the
 * whole process: it is changed only here, and only when `threads` > 1 (the
 * main thread; in worker threads it stays 1).
 */
function wrap(addon: Addon, threads: number): NativeKernels {
  addon.setThreads(threads);
  const info = addon.info();
  const version = /^OpenBLAS\s+(\S+)/.exec(info.config)?.[1];
  const name = version ? `OpenBLAS ${version}` : info.config;
  const blas = `${name}, ${info.corename} kernels (${info.threads === 1 ? '1 thread' : `${info.threads} threads`})`;
  let current = info.threads;
  const use = (work: number): void => {
    const k = work < BLAS_PARALLEL_MIN_WORK ? 1 : threads;
    if (k !== current && threads > 1) {
      addon.setThreads(k);
      current = k;
    }
  };
  return {
    blas,
    syrk(a, t, n, out) {
      checkDim('syrk', 't', t);
      checkDim('syrk', 'n', n);
      checkMatrix('syrk', 'a', a, t, n);
      checkMatrix('syrk', 'out', out, n, n);
      checkDisjoint('syrk', 'a', a, out);
      use((t * n * (n + 1)) / 2);
      addon.syrk(a, t, n, out);
    },
    syrkRows(z, n, t, out) {
      checkDim('syrkRows', 'n', n);
      checkDim('syrkRows', 't', t);
      checkMatrix('syrkRows', 'z', z, n, t);
      checkMatrix('syrkRows', 'out', out, n, n);
      checkDisjoint('syrkRows', 'z', z, out);
      use((t * n * (n + 1)) / 2);
      addon.syrkRows(z, n, t, out);
    },
    gemmTN(a, b, t, n, m, out) {
      checkDim('gemmTN', 't', t);
      checkDim('gemmTN', 'n', n);
      checkDim('gemmTN', 'm', m);
      checkMatrix('gemmTN', 'a', a, t, n);
      checkMatrix('gemmTN', 'b', b, t, m);
      checkMatrix('gemmTN', 'out', out, n, m);
      checkDisjoint('gemmTN', 'a', a, out);
      checkDisjoint('gemmTN', 'b', b, out);
      use(t * n * m);
      addon.gemmTN(a, b, t, n, m, out);
    },
  };
}
