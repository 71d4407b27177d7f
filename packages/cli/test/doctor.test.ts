// `soukan doctor`: reports the kernels this machine runs, and why one is not.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';

describe('soukan doctor', () => {
  it.skipIf(process.env.SOUKAN_NATIVE === '0')('names the native add-on with its BLAS and threads (npm test builds it)', async () => {
    const res = await runCli(['doctor', '--format', 'json'], { SOUKAN_STORE: '/nonexistent/soukan.duckdb', SOUKAN_KERNEL: undefined });
    expect(res.code).toBe(0);
    const r = JSON.parse(res.stdout);
    expect(r.native).toEqual({ inUse: true, blas: expect.stringMatching(/^OpenBLAS \d+\.\d+\.\d+, \S+ kernels \(\d+ threads?\)$/), reason: null });
    expect(r.node).toBe(process.version);
    expect(r.store).toEqual({ path: '/nonexistent/soukan.duckdb', engine: 'DuckDB', exists: false });
    expect(r.workerThreads.cores).toBeGreaterThanOrEqual(1);
    expect(r.forcedKernel).toBeNull();
  });

  it('says when SOUKAN_KERNEL forces the correlation kernel', async () => {
    const res = await runCli(['doctor'], { SOUKAN_KERNEL: 'wasm' });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('SOUKAN_KERNEL     wasm (the correlation kernel is forced)\n');
  });

  it.skipIf(process.env.SOUKAN_NATIVE === '0')('SOUKAN_BLAS_THREADS=1 is what the native line reports', async () => {
    const res = await runCli(['doctor'], { SOUKAN_BLAS_THREADS: '1' });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^native add-on {5}in use: OpenBLAS \S+, \S+ kernels \(1 thread\)$/m);
  });

  it('with the add-on hidden (SOUKAN_NATIVE=0) and no WebAssembly: says why, and which kernels are used instead', async () => {
    const res = await runCli(['doctor'], { SOUKAN_NATIVE: '0', SOUKAN_WASM: '0' });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('native add-on     not in use: disabled by SOUKAN_NATIVE=0\n');
    expect(res.stdout).toContain('WebAssembly SIMD  not in use: disabled by SOUKAN_WASM=0\n');
    expect(res.stdout).toMatch(/dense correlation matrices use the TypeScript kernels\n$/);
    const json = JSON.parse((await runCli(['doctor', '--format', 'json'], { SOUKAN_NATIVE: '0' })).stdout);
    expect(json.native).toEqual({ inUse: false, blas: null, reason: 'disabled by SOUKAN_NATIVE=0' });
    expect(json.wasmSimd).toEqual({ inUse: true, reason: null });
  });

  it('a bad --format is a one-line error, exit 2', async () => {
    const res = await runCli(['doctor', '--format', 'xml']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--format must be one of table, json/);
  });
});
