// Child process of bench/nativePearson.bench.mjs: one Pearson matrix on the
// native add-on (bench/lib/nativePearson.mjs) from a raw file of K series × N
// float64 (series-major), in a process of its own so that its peak memory
// (VmHWM: the input, the centred blocks, the matrix, Node itself) is this
// computation's. Best of REPEATS; writes r to OUT; prints one JSON line.
//
//   node --expose-gc bench/lib/nativePearsonChild.mjs DATA K N REPEATS OUT
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { dist } from './common.mjs';
import { nativePearson } from './nativePearson.mjs';

const [file, K, N, REPEATS, out] = process.argv.slice(2);
const k = Number(K);
const n = Number(N);
const native = (await dist('native')).loadNative();
if (!native) {
  console.error('native add-on not available (npm run build says why)');
  process.exit(1);
}
const buf = readFileSync(file);
const all = new Float64Array(buf.buffer, buf.byteOffset, k * n);
const columns = Array.from({ length: k }, (_, j) => all.subarray(j * n, (j + 1) * n));
const ms = [];
let r;
for (let i = 0; i < Number(REPEATS); i++) {
  r = undefined;
  globalThis.gc?.();
  const t0 = performance.now();
  r = nativePearson(native, columns);
  ms.push(performance.now() - t0);
}
writeFileSync(out, new Uint8Array(r.buffer));
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
console.log(JSON.stringify({ ms, best: Math.min(...ms), peakMB: hwm ? Number(hwm[1]) / 1024 : null, blas: native.blas }));
