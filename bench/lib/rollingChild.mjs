// Child process of bench/rollingAllPairs.bench.mjs: times one soukan
// all-pairs computation on returns read from a raw file, in a process of its
// own so that its peak memory (maxRSS, worker threads included) is the
// computation's, not the loader's. Run with --expose-gc: the previous run's
// output is collected before the next starts. Prints one JSON line.
//
//   node --expose-gc bench/lib/rollingChild.mjs DATA K N MODE WINDOW MINPERIODS LAMBDA REPEATS [OUT]
//   MODE: stream1 (one thread: onChunk + average) | stream (all cores) |
//         keep1 / keep (one thread / all cores, every pair series kept + average) | ewm (EWMA, keep)
//   "all cores" asks for machineThreads() explicitly: the default
//   (defaultRollingThreads) is one thread on machines with ≤ 2 cores.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { dist } from './common.mjs';

const [file, K, N, mode, W, MP, LAMBDA, REPEATS, out] = process.argv.slice(2);
const k = Number(K);
const n = Number(N);
const core = await dist('core');
const data = await dist('data');
const buf = readFileSync(file);
const all = new Float64Array(buf.buffer, buf.byteOffset, k * n);
const columns = Array.from({ length: k }, (_, j) => all.subarray(j * n, (j + 1) * n));

let checksum = 0;
// Streaming: the consumer sees every value once (here: a sparse checksum); nothing is kept but the average.
const onChunk = (c) => {
  for (let i = 0; i < c.rho.length; i += 97) if (c.rho[i] === c.rho[i]) checksum += c.rho[i];
};
const opts = { minPeriods: Number(MP) };
const allCores = data.machineThreads();
const run = () => {
  if (mode === 'ewm') return core.ewmCorrelationAllPairs(columns, Number(LAMBDA), { keep: true });
  if (mode === 'keep') return data.rollingCorrelationAllPairsParallel(columns, Number(W), { ...opts, threads: allCores, keep: true });
  if (mode === 'keep1') return data.rollingCorrelationAllPairsParallel(columns, Number(W), { ...opts, threads: 1, keep: true });
  if (mode === 'stream1') return data.rollingCorrelationAllPairsParallel(columns, Number(W), { ...opts, threads: 1, onChunk });
  return data.rollingCorrelationAllPairsParallel(columns, Number(W), { ...opts, threads: allCores, onChunk });
};
const ms = [];
let res;
for (let r = 0; r < Number(REPEATS); r++) {
  res = undefined;
  globalThis.gc?.();
  const t0 = performance.now();
  res = await run();
  ms.push(performance.now() - t0);
}
if (out && mode !== 'stream' && mode !== 'stream1') {
  const P = res.pairI.length;
  const flat = new Float64Array(P * n);
  for (let p = 0; p < P; p++) flat.set(res.series[p], p * n);
  writeFileSync(out, new Uint8Array(flat.buffer));
}
await data.closeParallelPool();
// Peak RSS of this process. On Linux, getrusage's maxrss survives fork+exec
// (a child starts at its parent's high-water mark), so read VmHWM, which
// belongs to this process's own address space (worker threads included).
function peakMB() {
  if (existsSync('/proc/self/status')) {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  }
  return process.resourceUsage().maxRSS / 1024;
}
console.log(
  JSON.stringify({
    ms,
    best: Math.min(...ms),
    maxRssMB: peakMB(),
    checksum,
    kernel: data.wasmKernelModule() ? 'wasm' : 'ts',
    threads: mode === 'stream1' || mode === 'keep1' || mode === 'ewm' ? 1 : data.machineThreads(),
  }),
);
