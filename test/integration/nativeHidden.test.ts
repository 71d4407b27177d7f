// `soukan corr` on the user's path with the native add-on and with it hidden
// (SOUKAN_NATIVE=0, and the add-on file missing as on a machine without a
// compiler or OpenBLAS):
// the add-on computes when present, the WebAssembly kernels when not, and
// both give pandas' matrix (packages/core/test/fixtures/correlation/
// ecb_full.json, written by correlation.gen.py: DataFrame.corr() of the
// 28 majors' daily log returns over the whole ECB history) within 1e-12.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixture, sharedData } from '../helpers/sharedData.js';

const ref = JSON.parse(readFileSync(fixture('packages/core/test/fixtures/correlation/ecb_full.json'), 'utf8')) as { symbols: string[]; returns: { pearson: { r: (number | null)[] } } };

interface CorrJson {
  symbols: string[];
  matrix: number[][];
  compute: { kernel: string; blas: string | null };
}

async function corr(env: NodeJS.ProcessEnv): Promise<CorrJson> {
  const res = await runCli(['corr', '--universe', 'majors', '--window', 'all', '--format', 'json', '--data', sharedData('eurofxref-hist.zip')], { SOUKAN_KERNEL: undefined, ...env });
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout) as CorrJson;
}

function maxDiff(got: CorrJson): number {
  expect(got.symbols).toEqual(ref.symbols);
  const want = ref.returns.pearson.r;
  return Math.max(...got.matrix.flat().map((v, i) => Math.abs(v - want[i]!)));
}

describe('soukan corr with and without the native add-on', () => {
  it.skipIf(process.env.SOUKAN_NATIVE === '0')('the add-on computes the matrix (npm test builds it), equal to pandas within 1e-12', async () => {
    // No kernel forced: this is the path `soukan corr --universe majors` takes.
    const got = await corr({});
    expect(got.compute.kernel).toBe('native');
    expect(got.compute.blas).toMatch(/^OpenBLAS /);
    expect(maxDiff(got)).toBeLessThanOrEqual(1e-12);
  });

  it('hidden (SOUKAN_NATIVE=0): the WebAssembly kernels compute it, equal to pandas within 1e-12', async () => {
    const got = await corr({ SOUKAN_NATIVE: '0' });
    expect(got.compute.kernel).toBe('wasm');
    expect(got.compute.blas).toBeNull();
    expect(maxDiff(got)).toBeLessThanOrEqual(1e-12);
  });

  it('hidden, without WebAssembly either (SOUKAN_NATIVE=0 SOUKAN_WASM=0): the TypeScript kernels, same matrix', async () => {
    const got = await corr({ SOUKAN_NATIVE: '0', SOUKAN_WASM: '0' });
    expect(got.compute.kernel).toBe('ts');
    expect(maxDiff(got)).toBeLessThanOrEqual(1e-12);
  });

  it('the add-on file missing (SOUKAN_NATIVE_ADDON naming nothing: a machine where it could not be built): WebAssembly computes the same matrix, and doctor says why and which kernels are used', async () => {
    const gone = { SOUKAN_NATIVE_ADDON: '/nonexistent/soukan_native.node' };
    const got = await corr({ ...gone, SOUKAN_NATIVE: undefined });
    expect(got.compute.kernel).toBe('wasm');
    expect(got.compute.blas).toBeNull();
    expect(maxDiff(got)).toBeLessThanOrEqual(1e-12);
    const doctor = await runCli(['doctor'], { ...gone, SOUKAN_KERNEL: undefined, SOUKAN_NATIVE: undefined });
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain('native add-on     not in use: add-on not built (npm run build says why)\n');
    expect(doctor.stdout).toContain('WebAssembly SIMD  in use\n');
    expect(doctor.stdout).toMatch(/dense correlation matrices use the WebAssembly SIMD kernels\n$/);
  });
});
