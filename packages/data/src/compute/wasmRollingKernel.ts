import type { RollingKernel } from '@soukan/core';
import { wasmKernelModule, type WasmModule } from './wasmKernels.js';

interface RollingExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  rollChunk(
    X: number,
    len: number,
    k: number,
    W: number,
    need: number,
    anchors: number,
    groups: number,
    gi: number,
    gj: number,
    qi: number,
    valid: number,
    pre: number,
    suf: number,
    out: number,
    c0: number,
    c1: number,
  ): number;
}
interface WasmApi {
  Instance: new (module: WasmModule, imports: object) => { readonly exports: unknown };
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
const PAGE = 65536;
const align = (b: number): number => (b + 15) & ~15;

/**
 * {@link RollingKernel} on the WebAssembly SIMD code (`rollChunk` in
 * packages/wasm/assembly/kernels.ts): two pairs per f64x2 lane pair, the
 * TypeScript loop's arithmetic per lane, so results are the same bits. The
 * input is copied into linear memory (plus a zero series for the spare lane
 * of a row with an odd number of pairs); ρ is returned in linear memory,
 * without a copy.
 */
export class WasmRollingKernel implements RollingKernel {
  private readonly x: RollingExports;
  private readonly base: number;
  private top = 0;
  private job: {
    len: number;
    k: number;
    W: number;
    need: number;
    P: number;
    groups: number;
    X: number;
    anchors: number;
    gi: number;
    gj: number;
    qi: number;
    valid: number;
    pre: number;
    suf: number;
    out: number;
    outRows: number;
  } | null = null;

  constructor(module: WasmModule) {
    this.x = new WA.Instance(module, {}).exports as RollingExports;
    this.base = align(this.x.heapBase());
  }

  private alloc(bytes: number): number {
    const p = this.top;
    this.top = align(p + bytes);
    const have = this.x.memory.buffer.byteLength;
    if (this.top > have) this.x.memory.grow(Math.ceil((this.top - have) / PAGE));
    return p;
  }

  begin(
    columns: readonly ArrayLike<number>[],
    W: number,
    need: number,
    anchors: Float64Array,
    _recip: Float64Array,
    pairI: Int32Array,
    pairJ: Int32Array,
    g0: number,
    g1: number,
  ): boolean {
    const k = columns.length;
    const len = k > 0 ? columns[0]!.length : 0;
    const P = g1 - g0;
    if (P <= 0) return false;
    // Lane groups: (i, j) and (i, j + 1) along each row of the triangle,
    // within the pairs [g0, g1); output index q − g0.
    const gi: number[] = [];
    const gj: number[] = [];
    const qi: number[] = [];
    const valid: number[] = [];
    for (let q = g0; q < g1; ) {
      const i = pairI[q]!;
      const j = pairJ[q]!;
      const two = j + 1 < k && q + 1 < g1;
      gi.push(i);
      gj.push(j);
      qi.push(q - g0);
      valid.push(two ? 1 : 0);
      q += two ? 2 : 1;
    }
    const groups = gi.length;
    const bytes = (k + 1) * len * 8 + (anchors.length + 2) * 8 + 4 * groups * 4 + groups * 96 + groups * W * 96 + 8 * 64;
    if (this.base + bytes > 2 ** 31) return false;
    this.top = this.base;
    const mem = (): ArrayBuffer => this.x.memory.buffer;
    const X = this.alloc((k + 1) * len * 8);
    const A = this.alloc((anchors.length + 2) * 8);
    const GI = this.alloc(groups * 4);
    const GJ = this.alloc(groups * 4);
    const QI = this.alloc(groups * 4);
    const VA = this.alloc(groups * 4);
    const PRE = this.alloc(groups * 96);
    const SUF = this.alloc(groups * W * 96);
    const xs = new Float64Array(mem(), X, (k + 1) * len);
    for (let i = 0; i < k; i++) {
      const c = columns[i]!;
      if (c instanceof Float64Array) xs.set(c, i * len);
      else for (let t = 0; t < len; t++) xs[i * len + t] = c[t]!;
    }
    xs.fill(0, k * len);
    const an = new Float64Array(mem(), A, anchors.length + 2);
    an.set(anchors);
    an.fill(0, anchors.length);
    new Int32Array(mem(), GI, groups).set(gi);
    new Int32Array(mem(), GJ, groups).set(gj);
    new Int32Array(mem(), QI, groups).set(qi);
    new Int32Array(mem(), VA, groups).set(valid);
    new Float64Array(mem(), PRE, groups * 12).fill(0);
    this.job = { len, k, W, need, P, groups, X, anchors: A, gi: GI, gj: GJ, qi: QI, valid: VA, pre: PRE, suf: SUF, out: 0, outRows: 0 };
    return true;
  }

  chunk(c0: number, c1: number): { rho: Float64Array; exact: boolean } {
    const j = this.job!;
    const rows = c1 - c0;
    if (rows > j.outRows) {
      j.out = this.alloc(j.P * rows * 8);
      j.outRows = rows;
    }
    const exact = this.x.rollChunk(j.X, j.len, j.k, j.W, j.need, j.anchors, j.groups, j.gi, j.gj, j.qi, j.valid, j.pre, j.suf, j.out, c0, c1);
    return { rho: new Float64Array(this.x.memory.buffer, j.out, j.P * rows), exact: exact > 0 };
  }

  end(): void {
    this.job = null;
  }
}

let shared: WasmRollingKernel | null | undefined;

/**
 * This thread's WebAssembly rolling kernel for
 * `rollingCorrelationAllPairs(…, { kernel })`, or `undefined` when the
 * module is unavailable (the TypeScript loop then runs).
 *
 * @example rollingCorrelationAllPairs(columns, 1440, { kernel: wasmRollingKernel() })
 */
export function wasmRollingKernel(): WasmRollingKernel | undefined {
  if (shared === undefined) {
    const mod = wasmKernelModule();
    shared = mod ? new WasmRollingKernel(mod) : null;
  }
  return shared ?? undefined;
}
