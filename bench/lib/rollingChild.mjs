// Child process of bench/rollingAllPairs.bench.mjs: times one soukan
// all-pairs computation on returns read from a raw file, in a process of its
// own so that its peak memory (maxRSS) is the computation's, not the
// loader's. Prints one JSON line.
//
//   node bench/lib/rollingChild.mjs DATA K N MODE WINDOW MINPERIODS LAMBDA REPEATS [OUT]
//   MODE: stream (onChunk + average) | keep (all pair series + average) | ewm (EWMA, keep)
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { dist } from './common.mjs';

const [file, K, N, mode, W, MP, LAMBDA, REPEATS, out] = process.argv.slice(2);
const k = Number(K);
const n = Number(N);
const core = await dist('core');
const data = await dist('data');
// The WebAssembly SIMD kernel when built (the same bits as the TypeScript loop).
const kernel = data.wasmRollingKernel();
const buf = readFileSync(file);
const all = new Float64Array(buf.buffer, buf.byteOffset, k * n);
const columns = Array.from({ length: k }, (_, j) => all.subarray(j * n, (j + 1) * n));

let checksum = 0;
const run = () => {
  if (mode === 'ewm') return core.ewmCorrelationAllPairs(columns, Number(LAMBDA), { keep: true });
  if (mode === 'keep') return core.rollingCorrelationAllPairs(columns, Number(W), { minPeriods: Number(MP), keep: true, kernel });
  // Streaming: the consumer sees every value once (here: a checksum), nothing is kept but the average.
  return core.rollingCorrelationAllPairs(columns, Number(W), {
    minPeriods: Number(MP),
    kernel,
    onChunk: (c) => {
      for (let i = 0; i < c.rho.length; i += 97) if (c.rho[i] === c.rho[i]) checksum += c.rho[i];
    },
  });
};
const ms = [];
let res;
for (let r = 0; r < Number(REPEATS); r++) {
  res = undefined; // let the previous output go before the next run
  const t0 = performance.now();
  res = run();
  ms.push(performance.now() - t0);
}
if (out && mode !== 'stream') {
  const P = res.pairI.length;
  const flat = new Float64Array(P * n);
  for (let p = 0; p < P; p++) flat.set(res.series[p], p * n);
  writeFileSync(out, new Uint8Array(flat.buffer));
}
console.log(JSON.stringify({ ms, best: Math.min(...ms), maxRssMB: process.resourceUsage().maxRSS / 1024, checksum, kernel: kernel ? 'wasm' : 'ts' }));
