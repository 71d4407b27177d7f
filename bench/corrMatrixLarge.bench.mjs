// Benchmark (issue 7): Pearson correlation matrix of 1,000 series × 2,500
// observations — complete, and with 5% of the cells missing (pairwise-
// complete, pandas semantics) — soukan vs pandas.DataFrame.corr() and
// numpy.corrcoef (OpenBLAS), same seeded data, same run. Targets: ≥ 10×
// pandas on both; with gaps, identical to pandas within 1e-10. Also
// Spearman on complete data (same kernel, on ranks), for information.
//
//   npm run bench -- corrMatrixLarge            (builds first)
//   node bench/corrMatrixLarge.bench.mjs [--series 1000] [--obs 2500] [--repeats 5] [--peer-repeats 2]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { compare, dist, factorData, numArg, peer, printRows, report, row, tempDir, time, writeF64 } from './lib/common.mjs';

const K = numArg('series', 1000);
const N = numArg('obs', 2500);
const REPEATS = numArg('repeats', 5);
const PEER_REPEATS = numArg('peer-repeats', 2);
const core = await dist('core');
const data = await dist('data');
const dir = tempDir();
const rows = [];
const notes = [];
const readF64 = (p) => {
  const b = readFileSync(p);
  return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
};

let info;
const par = (cols, opts = {}) => data.correlationMatrixParallel(cols, { significance: false, onRun: (i) => (info = i), ...opts });

// ---- complete data
{
  const { data: x, columns } = factorData(K, N, 20240611);
  const file = join(dir, 'complete.f64');
  writeF64(file, x);
  const t0 = performance.now();
  await par(columns);
  const cold = performance.now() - t0;
  const fast = await time(() => par(columns), REPEATS);
  const how = `${info.threads} thread(s), ${info.kernels === 'wasm' ? 'WebAssembly SIMD' : 'TypeScript'} kernels`;
  const withP = await time(() => par(columns, { significance: true }), Math.max(2, Math.floor(REPEATS / 2)), 0);
  const one = await time(() => par(columns, { threads: 1 }), Math.max(2, Math.floor(REPEATS / 2)), 0);
  const ts = await time(() => core.correlationMatrix(columns, { significance: false }), 2, 0);
  const spear = await time(() => par(columns, { method: 'spearman' }), 2, 1);
  const p = peer('corr_frame.py', [file, K, N, PEER_REPEATS, join(dir, 'complete'), '--numpy', '--spearman']);
  const pd = readF64(join(dir, 'complete.pandas.f64'));
  const np = readF64(join(dir, 'complete.numpy.f64'));
  const sp = readF64(join(dir, 'complete.spearman.f64'));
  const dNp = compare(fast.res.r, np);
  const dPd = compare(fast.res.r, pd);
  const dSp = compare(spear.res.r, sp);
  const pdMs = p.pandas_pearson_s * 1000;
  const npMs = p.numpy_corrcoef_s * 1000;
  const title = `Pearson ${K} × ${N}, complete`;
  rows.push(
    row(`${title}: r (${how})`, fast.best, `pandas ${p.pandas} DataFrame.corr()`, pdMs, {
      target: '≥ 10×',
      met: pdMs / fast.best >= 10,
      note: `max |Δ| vs pandas ${dPd.max.toExponential(1)}; median ${fast.median.toFixed(0)} ms; first call incl. worker start ${cold.toFixed(0)} ms`,
    }),
    row(`${title}: r (${how})`, fast.best, `numpy ${p.numpy} corrcoef (OpenBLAS)`, npMs, { note: `max |Δ| ${dNp.max.toExponential(1)}` }),
    row(`${title}: r, n, p, 95% CI (${how})`, withP.best, `pandas ${p.pandas} DataFrame.corr() (r only)`, pdMs),
    row(`${title}: r, 1 thread, WebAssembly SIMD`, one.best, `pandas ${p.pandas} DataFrame.corr()`, pdMs),
    row(`${title}: r, 1 thread, TypeScript kernels (core correlationMatrix)`, ts.best, `pandas ${p.pandas} DataFrame.corr()`, pdMs),
    row(`Spearman ${K} × ${N}, complete: ρ (${how})`, spear.best, `pandas ${p.pandas} DataFrame.corr('spearman')`, p.pandas_spearman_s * 1000, {
      note: `max |Δ| ${dSp.max.toExponential(1)}`,
    }),
  );
  if (p.blas_threads) notes.push(`NumPy BLAS threads: ${JSON.stringify(p.blas_threads)}`);
}

// ---- 5% missing, pairwise-complete
{
  const { data: x, columns } = factorData(K, N, 20240612, 0.05);
  const file = join(dir, 'missing.f64');
  writeF64(file, x);
  const fast = await time(() => par(columns), REPEATS);
  const how = `${info.threads} thread(s), ${info.kernels === 'wasm' ? 'WebAssembly SIMD' : 'TypeScript'} kernels`;
  const ts = await time(() => core.correlationMatrix(columns, { significance: false }), 2, 0);
  const p = peer('corr_frame.py', [file, K, N, PEER_REPEATS, join(dir, 'missing')]);
  const pd = readF64(join(dir, 'missing.pandas.f64'));
  const d = compare(fast.res.r, pd);
  const pdMs = p.pandas_pearson_s * 1000;
  const ok = pdMs / fast.best >= 10 && d.max <= 1e-10 && d.nanMismatch === 0;
  rows.push(
    row(`Pearson ${K} × ${N}, 5% missing, pairwise: r (${how})`, fast.best, `pandas ${p.pandas} DataFrame.corr()`, pdMs, {
      target: '≥ 10×, |Δ| ≤ 1e-10',
      met: ok,
      note: `max |Δ| vs pandas ${d.max.toExponential(1)}, NaN mismatches ${d.nanMismatch}; median ${fast.median.toFixed(0)} ms`,
    }),
    row(`Pearson ${K} × ${N}, 5% missing: r, 1 thread, TypeScript kernels`, ts.best, `pandas ${p.pandas} DataFrame.corr()`, pdMs),
  );
}

await data.closeParallelPool();
printRows(`Correlation matrices, best of ${REPEATS} (peers best of ${PEER_REPEATS})`, rows);
report(`Correlation matrix ${K} × ${N} (issue 7)`, rows, notes);
