// Benchmark (not a test): Pearson correlation matrix of 500 series × 2,500
// observations — soukan vs numpy.corrcoef vs pandas.DataFrame.corr(), in one
// run, on the same seeded data (issue 2). `npm run bench` builds first; alone:
//
//   npm run build && node bench/corrMatrix.bench.mjs [--repeats 7] [--series 500] [--obs 2500]
//
// The data go to a temp binary file that bench/peers/corr_matrix.py
// (/usr/bin/python3) reads with numpy.fromfile; NumPy's matrix comes back
// the same way for the max |diff| check. Reports best-of-N wall times and
// ratios, plus the Gram kernel against a plain 4-way-unrolled loop.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'packages', 'core', 'dist');
const core = await import(pathToFileURL(join(dist, 'index.js')).href);
const soukanData = await import(pathToFileURL(join(here, '..', 'packages', 'data', 'dist', 'index.js')).href);
const { gramUpper } = await import(pathToFileURL(join(dist, 'correlation', 'gramUpper.js')).href);

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const K = opt('series', 500);
const N = opt('obs', 2500);
const REPEATS = opt('repeats', 7);

// Seeded data: 5 common factors + noise, so correlations are not all ~0.
function mulberry32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const u = mulberry32(20240611);
const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
const F = 5;
const factors = Array.from({ length: F }, () => Float64Array.from({ length: N }, normal));
const data = new Float64Array(K * N); // series-major: series j is data[j*N .. (j+1)*N)
const columns = [];
for (let j = 0; j < K; j++) {
  const load = Array.from({ length: F }, () => normal() * 0.5);
  const col = data.subarray(j * N, (j + 1) * N);
  for (let t = 0; t < N; t++) {
    let v = 0.01 * normal();
    for (let f = 0; f < F; f++) v += 0.01 * load[f] * factors[f][t];
    col[t] = v;
  }
  columns.push(col);
}

const dir = mkdtempSync(join(tmpdir(), 'soukan-bench-'));
const dataFile = join(dir, 'data.f64');
const npFile = join(dir, 'numpy.f64');
writeFileSync(dataFile, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));

function best(fn, reps) {
  let ms = Infinity;
  let res;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    res = fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, res };
}

// soukan: the public function, r only and with p-values + intervals.
const rOnly = best(() => core.correlationMatrix(columns, { method: 'pearson', significance: false }), REPEATS);
const full = best(() => core.correlationMatrix(columns, { method: 'pearson' }), REPEATS);
// The same matrix on all cores with the WebAssembly SIMD kernels (warm pool).
let info;
await soukanData.correlationMatrixParallel(columns, { significance: false });
let fastMs = Infinity;
for (let i = 0; i < REPEATS; i++) {
  const t0 = performance.now();
  await soukanData.correlationMatrixParallel(columns, { significance: false, onRun: (x) => (info = x) });
  fastMs = Math.min(fastMs, performance.now() - t0);
}
await soukanData.closeParallelPool();

// The Gram kernel alone vs a plain 4-way-unrolled dot-product loop on the
// same standardised block: what cache and register blocking buy.
const z = new Float64Array(K * N);
for (let j = 0; j < K; j++) {
  const c = columns[j];
  let m = 0;
  for (let t = 0; t < N; t++) m += c[t];
  m /= N;
  let ss = 0;
  for (let t = 0; t < N; t++) ss += (c[t] - m) ** 2;
  const s = Math.sqrt(ss);
  for (let t = 0; t < N; t++) z[j * N + t] = (c[t] - m) / s;
}
const g = new Float64Array(K * K);
const blocked = best(() => gramUpper(z, K, N, g), REPEATS);
const naive = best(() => {
  for (let i = 0; i < K; i++) {
    const oi = i * N;
    for (let j = i; j < K; j++) {
      const oj = j * N;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t = 0;
      for (; t + 3 < N; t += 4) {
        s0 += z[oi + t] * z[oj + t];
        s1 += z[oi + t + 1] * z[oj + t + 1];
        s2 += z[oi + t + 2] * z[oj + t + 2];
        s3 += z[oi + t + 3] * z[oj + t + 3];
      }
      for (; t < N; t++) s0 += z[oi + t] * z[oj + t];
      g[i * K + j] = s0 + s1 + s2 + s3;
    }
  }
}, REPEATS);

// Peers, same data, same run.
const py = spawnSync('/usr/bin/python3', [join(here, 'peers', 'corr_matrix.py'), dataFile, String(K), String(N), String(REPEATS), npFile], {
  encoding: 'utf8',
  maxBuffer: 1 << 24,
});
if (py.status !== 0) {
  console.error(py.stderr || py.error?.message);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
}
const peer = JSON.parse(py.stdout.trim().split('\n').pop());
const buf = readFileSync(npFile);
const np = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
let maxDiff = 0;
for (let i = 0; i < K * K; i++) maxDiff = Math.max(maxDiff, Math.abs(rOnly.res.r[i] - np[i]));
rmSync(dir, { recursive: true, force: true });

const rows = [
  ['soukan correlationMatrix (r only)', rOnly.ms],
  ['soukan correlationMatrix (r, n, p, 95% CI)', full.ms],
  [`soukan correlationMatrixParallel (r; ${info.threads} thr, ${info.kernels})`, fastMs],
  ['numpy.corrcoef', peer.numpy_corrcoef_s * 1000],
  ['pandas DataFrame.corr()', peer.pandas_corr_s * 1000],
];
const base = rOnly.ms;
console.log(`\nPearson correlation matrix, ${K} series × ${N} observations, best of ${REPEATS} (pandas: best of ${Math.max(1, Math.floor(REPEATS / 2))})`);
console.log(`node ${process.version}, numpy ${peer.numpy}, pandas ${peer.pandas}, ${cpus().length} CPU(s): ${cpus()[0]?.model ?? '?'}`);
if (peer.blas_threads) console.log(`BLAS threads: ${JSON.stringify(peer.blas_threads)}`);
console.log('');
console.log(`| ${'implementation'.padEnd(52)} |   best ms | time / soukan (r only) |`);
console.log(`|${'-'.repeat(54)}|----------:|-----------------------:|`);
for (const [name, ms] of rows) console.log(`| ${name.padEnd(52)} | ${ms.toFixed(1).padStart(9)} | ${(ms / base).toFixed(2).padStart(21)}× |`);
console.log('');
console.log(`kernel only (standardised ${K} × ${N} block, upper triangle):`);
console.log(`  plain dot products, 4-way unrolled : ${naive.ms.toFixed(1)} ms`);
console.log(`  gramUpper (blocked, 2×4 registers) : ${blocked.ms.toFixed(1)} ms  (${(naive.ms / blocked.ms).toFixed(2)}× faster)`);
console.log('');
console.log(`max |soukan − numpy.corrcoef| = ${maxDiff.toExponential(2)}`);
console.log(`max |numpy − pandas|          = ${peer.max_abs_diff_numpy_pandas.toExponential(2)}`);

// Machine-readable rows for scripts/bench.mjs (see bench/README.md).
const npMs = peer.numpy_corrcoef_s * 1000;
const pdMs = peer.pandas_corr_s * 1000;
const r = (name, ms, peerName, peerMs, extra = {}) => ({ name, soukanMs: +ms.toFixed(1), peerName, peerMs: +peerMs.toFixed(1), ratio: +(peerMs / ms).toFixed(2), ...extra });
const how = `${info.threads} thread(s), ${info.kernels === 'wasm' ? 'WebAssembly SIMD' : 'TypeScript'} kernels`;
const results = [
  r(`Pearson ${K} × ${N}: r, core correlationMatrix (1 thread, TypeScript)`, rOnly.ms, `pandas ${peer.pandas} DataFrame.corr()`, pdMs, { note: `max |Δ| vs NumPy ${maxDiff.toExponential(1)}` }),
  r(`Pearson ${K} × ${N}: r, n, p, 95% CI, core correlationMatrix`, full.ms, `pandas ${peer.pandas} DataFrame.corr() (r only)`, pdMs),
  r(`Pearson ${K} × ${N}: r, correlationMatrixParallel (${how})`, fastMs, `pandas ${peer.pandas} DataFrame.corr()`, pdMs),
  r(`Pearson ${K} × ${N}: r, correlationMatrixParallel (${how})`, fastMs, `numpy ${peer.numpy} corrcoef (OpenBLAS)`, npMs),
];
console.log(`BENCH_RESULT ${JSON.stringify({ title: `Correlation matrix ${K} × ${N} (issue 2)`, rows: results, notes: [] })}`);
