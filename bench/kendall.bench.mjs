// Benchmark (issue 7): Kendall's τ-b of 100,000 points, soukan
// kendallTauBTest (τ-b, asymptotic p-value, interval; Knight's O(n log n)
// with a radix argsort) vs scipy.stats.kendalltau, same data, same run.
// Target: at least as fast as SciPy (≥ 1×). Two cases: continuous normal
// data (no ties), and real EUR/USD vs GBP/USD minute returns of 2017 (most
// returns are a few pips: heavy ties on both sides), read with soukan's
// HistData reader from the shared data folder.
//
//   node bench/kendall.bench.mjs [--points 100000] [--repeats 7]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, dist, numArg, peer, printRows, report, rng, row, tempDir, time, writeF64 } from './lib/common.mjs';

const N = numArg('points', 100_000);
const REPEATS = numArg('repeats', 7);
const core = await dist('core');
const data = await dist('data');
const dir = tempDir();
const rows = [];

async function run(label, x, y) {
  const file = join(dir, `${label.replace(/\W+/g, '_')}.f64`);
  const both = new Float64Array(2 * N);
  both.set(x, 0);
  both.set(y, N);
  writeF64(file, both);
  const ours = await time(() => core.kendallTauBTest(x, y), REPEATS, 2);
  const p = peer('kendall.py', [file, N, REPEATS]);
  const dTau = Math.abs(ours.res.r - p.tau);
  const dP = Math.abs(ours.res.p - p.p) / Math.max(p.p, 1e-300);
  const ms = p.kendalltau_s * 1000;
  rows.push(
    row(`Kendall τ-b, ${N.toLocaleString('en')} points, ${label}`, ours.best, `scipy ${p.scipy} kendalltau`, ms, {
      target: '≥ 1×',
      met: ms / ours.best >= 1,
      note: `|Δτ| ${dTau.toExponential(1)}, p rel. diff ${dP.toExponential(1)}; median ${ours.median.toFixed(1)} ms`,
    }),
  );
}

{
  const { normal } = rng(7);
  const x = Float64Array.from({ length: N }, normal);
  const y = Float64Array.from(x, (v) => 0.3 * v + normal());
  await run('continuous (no ties)', x, y);
}
{
  const shared = process.env.SOUKAN_SHARED_DATA ?? join(benchDir, '..', '..', 'shared', 'data');
  const files = ['EURUSD', 'GBPUSD'].map((p) => join(shared, 'histdata_m1_2017', `HISTDATA_COM_ASCII_${p}_M1_2017.zip`));
  if (files.every(existsSync)) {
    const ds = await data.readDataset(files);
    const market = new data.Market(ds.series, { frequency: ds.frequency });
    const r = core.frameReturns(market.frame(['EUR/USD', 'GBP/USD'], { kind: 'inner' }).frame, 'log');
    const x = r.columns[0].subarray(0, N);
    const y = r.columns[1].subarray(0, N);
    await run('EUR/USD vs GBP/USD M1 returns (ties)', Float64Array.from(x), Float64Array.from(y));
  } else console.error('kendall: HistData files not found; the real-data case is skipped');
}
printRows(`Kendall τ-b, best of ${REPEATS}`, rows);
report('Kendall τ-b (issue 7)', rows);
