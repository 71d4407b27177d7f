// Benchmark (issue 13, item 1): Pearson correlation matrices on the native
// add-on — OpenBLAS dsyrk on centred blocks + normalisation
// (bench/lib/nativePearson.mjs) — against numpy.corrcoef (the same Debian
// OpenBLAS, its default threads) and pandas DataFrame.corr(), same seeded
// data (5 factors + noise), same run. Each side runs in a process of its own
// so that its peak memory (VmHWM, the input included) is its own. Target:
// ≥ 1.0× NumPy, peak memory within 1.5× NumPy's.
//
// OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE (set on some machines for old OpenBLAS
// builds; they slow a current one) are removed from both sides' environment;
// the notes say whether they were set and which kernels OpenBLAS then ran.
//
//   npm run bench -- nativePearson            (builds first)
//   node bench/nativePearson.bench.mjs [--only 28x1000000]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, compare, factorData, peer, printRows, report, row, tempDir, writeF64 } from './lib/common.mjs';

const CASES = [
  { k: 100, n: 2500, repeats: 9, pandasRepeats: 3 },
  { k: 1000, n: 2500, repeats: 5, pandasRepeats: 1 },
  { k: 3000, n: 2500, repeats: 3, pandasRepeats: 1 },
  { k: 28, n: 1_000_000, repeats: 5, pandasRepeats: 1 },
];
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const dir = tempDir();
const env = { ...process.env };
const notes = [];
for (const v of ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE']) {
  if (env[v] !== undefined) notes.push(`${v}=${env[v]} was set; removed for both sides`);
  delete env[v];
}
const readF64 = (p) => {
  const b = readFileSync(p);
  return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
};

function child(file, k, n, repeats, out) {
  const r = spawnSync(process.execPath, ['--expose-gc', join(benchDir, 'lib', 'nativePearsonChild.mjs'), file, k, n, repeats, out], { encoding: 'utf8', env, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`nativePearsonChild failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function python(file, k, n, method, repeats, out) {
  const saved = process.env;
  process.env = env; // peer() spawns with the process environment
  try {
    return peer('pearson_peak.py', [file, k, n, method, repeats, out]);
  } finally {
    process.env = saved;
  }
}

const rows = [];
let blasNoted = false;
for (const { k, n, repeats, pandasRepeats } of CASES) {
  if (only && only !== `${k}x${n}`) continue;
  const file = join(dir, `${k}x${n}.f64`);
  writeF64(file, factorData(k, n, 20261207 + k).data);
  const s = child(file, k, n, repeats, `${file}.soukan`);
  const np = python(file, k, n, 'numpy', Math.max(3, repeats), `${file}.numpy`);
  const pd = python(file, k, n, 'pandas', pandasRepeats, `${file}.pandas`);
  const mine = readF64(`${file}.soukan`);
  const dNp = compare(mine, readF64(`${file}.numpy`));
  const dPd = compare(mine, readF64(`${file}.pandas`));
  const npMs = np.s * 1000;
  const pdMs = pd.s * 1000;
  const name = `Pearson ${k} × ${n.toLocaleString('en-US')}: native syrk + normalisation (${s.blas})`;
  rows.push(
    row(name, s.best, `numpy ${np.numpy} corrcoef (OpenBLAS)`, npMs, {
      target: '≥ 1.0×, peak ≤ 1.5× NumPy',
      met: npMs / s.best >= 1 && s.peakMB <= 1.5 * np.peakMB,
      peakMB: Math.round(s.peakMB),
      note: `NumPy peak ${Math.round(np.peakMB)} MB; max |Δ| vs NumPy ${dNp.max.toExponential(1)}, NaN mismatches ${dNp.nanMismatch}; best of ${repeats}`,
    }),
    row(name, s.best, `pandas ${pd.pandas} DataFrame.corr()`, pdMs, {
      peakMB: Math.round(s.peakMB),
      note: `pandas peak ${Math.round(pd.peakMB)} MB; max |Δ| vs pandas ${dPd.max.toExponential(1)}; pandas best of ${pandasRepeats}`,
    }),
  );
  if (!blasNoted && np.blas) {
    notes.push(`NumPy's BLAS (threadpoolctl): ${JSON.stringify(np.blas)}; soukan: ${s.blas}`);
    blasNoted = true;
  }
}
notes.push('Peak MB = VmHWM of a process holding the input (k × n doubles) and computing the matrix; NumPy and pandas each in a process of their own.');
printRows('Pearson matrices on the native add-on vs NumPy corrcoef and pandas', rows);
report('Pearson matrix on the native add-on (issue 13)', rows, notes);
