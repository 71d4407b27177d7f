// The loader's contract without the add-on (SOUKAN_NATIVE=0, as on a machine
// where it cannot be built), the argument checks the kernels run before the
// add-on is called, and the thread setting.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blasThreads, checkDim, checkDisjoint, checkMatrix, loadNative, nativeUnavailableReason } from '../src/index.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('loadNative with the add-on hidden', () => {
  it('SOUKAN_NATIVE=0: null, never throws, and says why', () => {
    vi.stubEnv('SOUKAN_NATIVE', '0');
    expect(loadNative()).toBeNull();
    expect(nativeUnavailableReason()).toBe('disabled by SOUKAN_NATIVE=0');
  });
  it('is read at every call: switching it off after a load still hides the add-on', () => {
    loadNative();
    vi.stubEnv('SOUKAN_NATIVE', '0');
    expect(loadNative()).toBeNull();
  });
  it('an invalid SOUKAN_BLAS_THREADS is a reason, not a throw', async () => {
    vi.stubEnv('SOUKAN_NATIVE', '1');
    vi.stubEnv('SOUKAN_BLAS_THREADS', 'two');
    vi.resetModules();
    const fresh = await import('../src/loadNative.js');
    expect(fresh.loadNative()).toBeNull();
    expect(fresh.nativeUnavailableReason()).toBe("SOUKAN_BLAS_THREADS must be a positive integer (got 'two')");
  });
});

describe('argument checks (run before the add-on is called)', () => {
  it('checkDim: integers in [0, 2³¹ − 1]', () => {
    for (const ok of [0, 1, 2500, 2 ** 31 - 1]) expect(() => checkDim('f', 'n', ok)).not.toThrow();
    for (const bad of [-1, 0.5, NaN, Infinity, 2 ** 31, 2 ** 53]) expect(() => checkDim('f', 'n', bad)).toThrow(RangeError);
    expect(() => checkDim('syrk', 'n', -3)).toThrow('syrk: n must be an integer in [0, 2147483647] (got -3)');
  });
  it('checkMatrix: Float64Array of at least rows × cols values, products past 2⁵³ included', () => {
    expect(() => checkMatrix('f', 'a', new Float64Array(6), 2, 3)).not.toThrow();
    expect(() => checkMatrix('f', 'a', new Float64Array(7), 2, 3)).not.toThrow();
    expect(() => checkMatrix('f', 'a', new Float64Array(5), 2, 3)).toThrow('f: a has 5 values, needs 2 × 3 = 6');
    expect(() => checkMatrix('f', 'a', new Float64Array(8), 2 ** 31 - 1, 2 ** 31 - 1)).toThrow(RangeError);
    expect(() => checkMatrix('f', 'a', new Array(6).fill(0), 2, 3)).toThrow(new TypeError('f: a must be a Float64Array'));
  });
  it('checkDisjoint: overlapping views of one buffer are refused, adjacent ones allowed', () => {
    const b = new Float64Array(10);
    expect(() => checkDisjoint('f', 'a', b.subarray(0, 5), b.subarray(5))).not.toThrow();
    expect(() => checkDisjoint('f', 'a', b.subarray(0, 5), b.subarray(4))).toThrow('f: out overlaps a');
    expect(() => checkDisjoint('f', 'a', b, new Float64Array(10))).not.toThrow();
  });
});

describe('blasThreads', () => {
  it('SOUKAN_BLAS_THREADS, else OPENBLAS_NUM_THREADS, else the cores', () => {
    expect(blasThreads({ SOUKAN_BLAS_THREADS: '1', OPENBLAS_NUM_THREADS: '4' }, 2)).toBe(1);
    expect(blasThreads({ OPENBLAS_NUM_THREADS: '4' }, 2)).toBe(4);
    expect(blasThreads({}, 2)).toBe(2);
    expect(blasThreads({ OPENBLAS_NUM_THREADS: 'x' }, 0)).toBe(1);
  });
  it('refuses a SOUKAN_BLAS_THREADS that is not a positive integer', () => {
    for (const bad of ['0', '-1', '1.5', 'all']) expect(() => blasThreads({ SOUKAN_BLAS_THREADS: bad }, 2)).toThrow(RangeError);
  });
});
