/**
 * The products the optional OpenBLAS add-on (`@soukan/native`) offers. The
 * add-on owns this contract; it is restated here so that the data layer
 * builds and runs without the package installed.
 */
export interface NativeKernels {
  /** Library and threads, e.g. `'OpenBLAS 0.3.21 (1 thread)'`. */
  readonly blas: string;
  /** out (n × n, row-major, full symmetric) = aᵀa; a is t × n row-major. */
  syrk(a: Float64Array, t: number, n: number, out: Float64Array): void;
  /** out (n × n, row-major, full symmetric) = z zᵀ; z is n × t row-major (one series per row). Absent in older add-ons. */
  syrkRows?(z: Float64Array, n: number, t: number, out: Float64Array): void;
  /** out (n × m, row-major) = aᵀb; a is t × n, b is t × m, both row-major. */
  gemmTN(a: Float64Array, b: Float64Array, t: number, n: number, m: number, out: Float64Array): void;
}

// A variable, so that neither TypeScript nor a bundler insists on the package.
const NATIVE_PACKAGE = '@soukan/native';

let loading: Promise<NativeKernels | null> | undefined;
let reason: string | undefined;

/**
 * This process's native kernels, or `null` when the add-on is not installed,
 * was not built (no compiler or no OpenBLAS at install time), or
 * `SOUKAN_NATIVE=0` switches it off. Loaded once; never rejects.
 */
export function nativeKernels(): Promise<NativeKernels | null> {
  loading ??= (async () => {
    if (process.env.SOUKAN_NATIVE === '0') {
      reason = 'disabled by SOUKAN_NATIVE=0';
      return null;
    }
    try {
      const mod = (await import(NATIVE_PACKAGE)) as { loadNative?: () => NativeKernels | null; nativeUnavailableReason?: () => string | undefined };
      const k = typeof mod.loadNative === 'function' ? mod.loadNative() : null;
      if (k === null) reason = mod.nativeUnavailableReason?.() ?? `${NATIVE_PACKAGE} is installed but its add-on is not built`;
      return k;
    } catch (e) {
      reason = `${NATIVE_PACKAGE} not available (${(e as Error).message.split('\n')[0]})`;
      return null;
    }
  })();
  return loading;
}

/** Why {@link nativeKernels} resolved to null (for `--verbose` and reports), or undefined. */
export async function nativeUnavailableReason(): Promise<string | undefined> {
  await nativeKernels();
  return reason;
}
