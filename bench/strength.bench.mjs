// Benchmarks for the strength / pairs work (issue 5), with the NumPy/statsmodels peer in
// the same run (bench/peers/strength.py, /usr/bin/python3).
//
//   npx tsc -b packages/cli && node bench/strength.bench.mjs
//
// 1. Least-squares currency strength for the 28 majors over a year of H1 bars
//    (HistData 2017 M1 → H1 on the FX-day clock; 7 USD pairs + EUR/JPY, crosses exact).
//    Target < 200 ms. Peers: numpy pinv applied to the whole return matrix (vectorised, the
//    fastest honest NumPy form), and numpy.linalg.lstsq per period (what a loop would do).
// 2. Engle–Granger (statsmodels coint defaults: trend 'c', autolag 'aic') on 10 years of
//    daily H.10 AUD/USD vs NZD/USD log prices. Target < 100 ms. Peer: statsmodels coint.
// The peer reads exactly the inputs soukan used (raw float64 files written here).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { currencyStrength, engleGranger, frameReturns, parseIsoDate, resampleBars, universe, windowFrame, strengthFactors } from '../packages/core/dist/index.js';
import { Market, readDataset } from '../packages/data/dist/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const data = process.env.SOUKAN_SHARED_DATA ?? resolve(root, '..', 'shared', 'data');
const tmp = mkdtempSync(join(tmpdir(), 'soukan-bench-'));

function time(fn, reps) {
  fn(); // warm-up (JIT)
  const t = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

// --- 1. strength, 28 majors, H1 2017 ---
const pairs = ['EURUSD', 'GBPUSD', 'AUDUSD', 'NZDUSD', 'USDCAD', 'USDCHF', 'USDJPY', 'EURJPY'];
const m1 = await readDataset(pairs.map((p) => join(data, 'histdata_m1_2017', `HISTDATA_COM_ASCII_${p}_M1_2017.zip`)));
const h1 = m1.series.map((s) => resampleBars(s, 'H1').bars);
const market = new Market(h1, { label: 'HistData H1', frequency: 'intraday' });
const majors = universe('majors');
const prices = market.frame(majors, { kind: 'inner' }).frame;
const rets = frameReturns(prices);
const T = rets.time.length;
const P = majors.length;
const strengthMs = time(() => currencyStrength(prices), 21);
const factorsOnlyMs = time(() => strengthFactors(rets), 21);
const rmat = new Float64Array(T * P);
for (let t = 0; t < T; t++) for (let j = 0; j < P; j++) rmat[t * P + j] = rets.columns[j][t];
writeFileSync(join(tmp, 'returns.f64'), rmat);
const sf = strengthFactors(rets);
const fmat = new Float64Array(T * sf.currencies.length);
for (let t = 0; t < T; t++) for (let c = 0; c < sf.currencies.length; c++) fmat[t * sf.currencies.length + c] = sf.factors[c][t];
writeFileSync(join(tmp, 'factors.f64'), fmat);

// --- 2. Engle–Granger, 10 years daily ---
const h10 = await readDataset(join(data, 'frb_h10_daily.csv'));
const hm = new Market(h10.series, { label: h10.source });
const d = windowFrame(hm.frame(['AUD/USD', 'NZD/USD']).frame, { kind: 'range', from: parseIsoDate('2010-01-01'), to: parseIsoDate('2019-12-31') });
const y = d.columns[0].map(Math.log);
const x = d.columns[1].map(Math.log);
const egMs = time(() => engleGranger(y, x), 21);
const eg = engleGranger(y, x);
writeFileSync(join(tmp, 'y.f64'), y);
writeFileSync(join(tmp, 'x.f64'), x);

const peer = spawnSync('/usr/bin/python3', [join(root, 'bench', 'peers', 'strength.py'), tmp, String(T), String(P), majors.join(',')], { encoding: 'utf8' });
rmSync(tmp, { recursive: true, force: true });
if (peer.status !== 0) {
  console.error(peer.stderr);
  process.exit(1);
}
const py = JSON.parse(peer.stdout);

const row = (name, ms, target, peers) =>
  console.log(
    `${name.padEnd(52)} ${ms.toFixed(2).padStart(8)} ms  (target < ${target} ms: ${ms < target ? 'met' : 'MISSED'})  ` +
      peers.map(([n, p]) => `${n} ${p.toFixed(2)} ms (soukan ${p >= ms ? `${(p / ms).toFixed(1)}× faster` : `${(ms / p).toFixed(1)}× slower`})`).join('; '),
  );
console.log(`strength: ${P} pairs × ${T} H1 periods (${formatRange(prices.time)}); Engle–Granger: ${y.length} daily obs`);
row('currencyStrength (factors + index + ranking)', strengthMs, 200, [
  ['numpy pinv (vectorised)', py.pinvMs],
  ['numpy lstsq per period', py.lstsqMs],
]);
row('strengthFactors only', factorsOnlyMs, 200, []);
row('engleGranger (trend c, autolag aic)', egMs, 100, [['statsmodels coint', py.cointMs]]);
console.log(`check: max |factor − numpy pinv| = ${py.maxFactorDiff.toExponential(2)}; EG statistic soukan ${eg.statistic.toFixed(12)} vs statsmodels ${py.cointStat.toFixed(12)}`);

function formatRange(t) {
  return `${new Date(t[0]).toISOString().slice(0, 16)} … ${new Date(t[t.length - 1]).toISOString().slice(0, 16)}`;
}
