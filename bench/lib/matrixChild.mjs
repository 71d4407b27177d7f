// Child of bench/dispatcher.bench.mjs: one correlation matrix through the
// compute dispatcher, in a fresh process so that its peak memory is its own.
//
//   node bench/lib/matrixChild.mjs DATA K N REPEATS [KERNEL]
//
// DATA: K series of N float64 values (series-major). Prints one JSON line:
// best ms, the kernel and threads the dispatcher chose, the phase times of
// the best run, and the peak resident set (MB).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { dist } from './common.mjs';

const [path, ks, ns, reps, kernel] = process.argv.slice(2);
const k = Number(ks);
const n = Number(ns);
const data = await dist('data');
const b = readFileSync(path);
const x = new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
const columns = Array.from({ length: k }, (_, j) => x.subarray(j * n, (j + 1) * n));
let best = Infinity;
let run;
for (let i = 0; i < Number(reps); i++) {
  const t0 = performance.now();
  const res = await data.computeCorrelationMatrix(columns, { significance: false, ...(kernel ? { kernel } : {}) });
  const ms = performance.now() - t0;
  if (ms < best) {
    best = ms;
    run = res.run;
  }
}
const peakMB = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ best, kernel: run.kernels, blas: run.blas ?? null, threads: run.threads, ms: run.ms, peakMB }));
await data.closeParallelPool();
