// Benchmark (not a test): shrinkage of a 1,000 × 1,000 covariance matrix
// against the plain matrix (issue 12: within 2× of the plain matrix's time),
// with scikit-learn's LedoitWolf / OAS and numpy.cov beside it, on the same
// seeded data. Alone:
//
//   npm run build && node bench/shrinkage.bench.mjs [--series 1000] [--obs 500] [--repeats 5]
//
// "Plain matrix" is soukan's own sample matrix of the same data, the fastest
// of: the core correlationMatrix (r only, one thread), the covarianceMatrix
// the risk commands call, and the 1/T covariance from the shrinkage
// estimators' own first step (centre, blocked Gram kernel). The estimators add
// O(T·k + k²) to that step for the intensity.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { dist, root, factorData, numArg, peer, printRows, report, row, tempDir, time, writeF64 } from './lib/common.mjs';

const core = await dist('core');
const { centeredGram } = await import(pathToFileURL(join(root, 'packages', 'core', 'dist', 'shrinkage', 'centeredGram.js')).href);
const K = numArg('series', 1000);
const N = numArg('obs', 500);
const REPEATS = numArg('repeats', 5);

const { data, columns } = factorData(K, N, 20261207);
// The shrinkage estimators take observations row-major (T × k), as covarianceMatrix does.
const rows = new Float64Array(K * N);
for (let j = 0; j < K; j++) for (let t = 0; t < N; t++) rows[t * K + j] = data[j * N + t];

const plainCorr = await time(() => core.correlationMatrix(columns, { method: 'pearson', significance: false }), REPEATS);
const plainCov = await time(() => core.covarianceMatrix(rows, N, K), REPEATS);
const plainGram = await time(() => {
  const { gram } = centeredGram(rows, N, K);
  for (let i = 0; i < gram.length; i++) gram[i] /= N;
  return gram;
}, REPEATS);
const lw = await time(() => core.ledoitWolf(rows, N, K), REPEATS);
const oa = await time(() => core.oas(rows, N, K), REPEATS);
const cc = await time(() => core.ledoitWolfConstantCorrelation(rows, N, K), REPEATS);
const ss = await time(() => core.correlationShrink(rows, N, K), REPEATS);
const peakMB = Math.round(process.resourceUsage().maxRSS / 1024);

const dir = tempDir();
const dataFile = join(dir, 'data.f64');
const lwFile = join(dir, 'lw.f64');
writeF64(dataFile, data);
const py = peer('shrinkage.py', [dataFile, K, N, REPEATS, lwFile]);
const buf = readFileSync(lwFile);
const skCov = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
let maxDiff = 0;
let maxAbs = 0;
for (let i = 0; i < K * K; i++) {
  maxDiff = Math.max(maxDiff, Math.abs(lw.res.covariance[i] - skCov[i]));
  maxAbs = Math.max(maxAbs, Math.abs(skCov[i]));
}
const dLw = Math.abs(lw.res.shrinkage - py.lw_shrinkage);
const dOas = Math.abs(oa.res.shrinkage - py.oas_shrinkage);

// The target is held against the fastest plain matrix of the run.
const plain = Math.min(plainCorr.best, plainCov.best, plainGram.best);
const within = (ms) => ({ target: '≤ 2× plain matrix', met: ms <= 2 * plain });
const note = (ms) => `${(ms / plain).toFixed(2)}× soukan's fastest plain matrix (${plain.toFixed(1)} ms)`;
const sk = `scikit-learn ${py.sklearn}`;
const results = [
  row(`plain: core correlationMatrix r, ${K} × ${N} (1 thread, TypeScript)`, plainCorr.best, `numpy ${py.numpy} cov`, py.numpy_cov_s * 1000, { peakMB }),
  row(`plain: core covarianceMatrix (risk commands), ${K} × ${N}`, plainCov.best, `numpy ${py.numpy} cov`, py.numpy_cov_s * 1000),
  row(`plain: 1/T covariance by the shrinkage estimators' Gram step, ${K} × ${N}`, plainGram.best, `numpy ${py.numpy} cov`, py.numpy_cov_s * 1000),
  row(`Ledoit–Wolf, identity target, ${K} × ${N}`, lw.best, `${sk} LedoitWolf().fit`, py.ledoit_wolf_s * 1000, { ...within(lw.best), note: `${note(lw.best)}; δ ${lw.res.shrinkage.toFixed(6)}, |Δδ| ${dLw.toExponential(1)}, max |Δ| ${(maxDiff / maxAbs).toExponential(1)} of max entry` }),
  row(`OAS, ${K} × ${N}`, oa.best, `${sk} OAS().fit`, py.oas_s * 1000, { ...within(oa.best), note: `${note(oa.best)}; ρ ${oa.res.shrinkage.toFixed(6)}, |Δρ| ${dOas.toExponential(1)}` }),
  row(`Ledoit–Wolf, constant-correlation target, ${K} × ${N}`, cc.best, null, null, { ...within(cc.best), note: `${note(cc.best)}; δ ${cc.res.shrinkage.toFixed(6)} (no package implements it)` }),
  row(`Schäfer–Strimmer correlation shrinkage, ${K} × ${N}`, ss.best, null, null, { ...within(ss.best), note: `${note(ss.best)}; λ ${ss.res.lambda.toFixed(6)} (R corpcor not timed)` }),
];
const title = `Shrinkage of a ${K} × ${K} covariance matrix from ${N} observations (issue 12), best of ${REPEATS}`;
console.log(`node ${process.version}, ${cpus().length} CPU(s): ${cpus()[0]?.model ?? '?'}; BLAS threads: ${JSON.stringify(py.blas_threads)}`);
printRows(title, results);
report(title, results, [
  "ratio = peer / soukan; the target compares each estimator with soukan's own plain matrix of the same data",
  'NumPy and scikit-learn call OpenBLAS (multi-threaded); soukan runs one thread of TypeScript',
]);
