import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { TS_KERNELS, type CorrelationKernels } from '@soukan/core';

/**
 * The parts of the WebAssembly JS API used here (Node has it globally; the
 * TypeScript lib for Node does not declare it).
 */
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: unknown };
}
/** A compiled WebAssembly module (opaque). */
export type WasmModule = object & { readonly __wasmModule?: never };
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** What packages/wasm/assembly/kernels.ts exports. */
interface KernelExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  gramTile(z: number, m: number, k: number, out: number, i0: number, i1: number, j0: number, j1: number): void;
  listSums(zt: number, w: number, ptr: number, idx: number, j0: number, j1: number, a: number, b: number): void;
}

let compiled: WasmModule | null | undefined;
let compileError: string | undefined;

/**
 * The compiled WebAssembly kernel module (`@soukan/wasm/kernels.wasm`, built
 * from AssemblyScript by `npm run build`), or `null` when it is missing,
 * cannot be compiled here (an engine without SIMD), or `SOUKAN_WASM=0`
 * switches it off. Compiled once per thread.
 */
export function wasmKernelModule(): WasmModule | null {
  if (compiled !== undefined) return compiled;
  if (process.env.SOUKAN_WASM === '0') {
    compileError = 'disabled by SOUKAN_WASM=0';
    return (compiled = null);
  }
  try {
    const path = createRequire(import.meta.url).resolve('@soukan/wasm/kernels.wasm');
    compiled = new WA.Module(readFileSync(path));
  } catch (e) {
    compileError = (e as Error).message.split('\n')[0];
    compiled = null;
  }
  return compiled;
}

/** Why {@link wasmKernelModule} returned null (for reports), or undefined. */
export function wasmKernelUnavailableReason(): string | undefined {
  wasmKernelModule();
  return compileError;
}

const PAGE = 65536;
/**
 * Most bytes of input copied into an instance's linear memory at once.
 * WebAssembly memory is 32-bit (4 GiB at most, and a large grow can fail
 * outright), so a Gram product bigger than this goes through in slabs of
 * rows, their partial products summed — 28 × 10 M values run in five slabs
 * instead of failing.
 */
export const WASM_MAX_COPY_BYTES = 512 * 1024 * 1024;

/**
 * A region of the instance's linear memory holding copies of one source
 * array set; reused while the sources are the same objects (one plan).
 */
interface Slot {
  src: WeakRef<Float64Array> | null;
  ptr: number;
  bytes: number;
}

/**
 * {@link CorrelationKernels} running the WebAssembly SIMD kernels. Each
 * instance owns its linear memory (one per thread): the first tile of a
 * plan copies the standardised matrix in (O(k·m), small next to the
 * O(k²·m) product), each tile copies its k-strided results back out. Inputs
 * the SIMD code cannot take (odd row lengths) go to the TypeScript kernels,
 * which are also the reference the tests hold these to.
 */
export class WasmKernels implements CorrelationKernels {
  private readonly x: KernelExports;
  private top: number;
  private readonly gram: Slot = { src: null, ptr: 0, bytes: 0 };
  private readonly lists: Slot = { src: null, ptr: 0, bytes: 0 };
  private readonly slab: Slot = { src: null, ptr: 0, bytes: 0 };
  private gramOut = 0;
  private listPtr = 0;
  private listIdx = 0;
  private listA = 0;
  private listB = 0;

  /** @param maxCopy bytes copied in at once (default {@link WASM_MAX_COPY_BYTES}; tests use small values). */
  constructor(
    module: WasmModule,
    private readonly maxCopy = WASM_MAX_COPY_BYTES,
  ) {
    this.x = new WA.Instance(module, {}).exports as KernelExports;
    this.top = align(this.x.heapBase());
  }

  /**
   * Forgets the copies made for the last plan: call when a new plan starts,
   * since its buffers may be recycled objects with new contents.
   */
  forget(): void {
    this.gram.src = null;
    this.lists.src = null;
  }

  /** Byte offset of a region of `bytes` for `slot`, growing memory when needed. */
  private reserve(slot: Slot, bytes: number): number {
    if (bytes <= slot.bytes) return slot.ptr;
    const want = align(Math.ceil(bytes * 1.25));
    const end = this.top + want;
    const have = this.x.memory.buffer.byteLength;
    if (end > have) this.x.memory.grow(Math.ceil((end - have) / PAGE));
    slot.ptr = this.top;
    slot.bytes = want;
    this.top = end;
    return slot.ptr;
  }

  private f64(ptr: number, n: number): Float64Array {
    return new Float64Array(this.x.memory.buffer, ptr, n);
  }

  gramTile(z: Float64Array, k: number, m: number, out: Float64Array, i0: number, i1: number, j0: number, j1: number): void {
    if (m % 2 !== 0 || z.length < k * m) {
      TS_KERNELS.gramTile(z, k, m, out, i0, i1, j0, j1);
      return;
    }
    if ((k * m + k * k) * 8 > this.maxCopy) {
      this.gramTileSlabs(z, k, m, out, i0, i1, j0, j1);
      return;
    }
    if (this.gram.src?.deref() !== z) {
      const base = this.reserve(this.gram, (k * m + k * k) * 8);
      this.f64(base, k * m).set(z.subarray(0, k * m));
      this.gramOut = base + k * m * 8;
      this.gram.src = new WeakRef(z);
    }
    this.x.gramTile(this.gram.ptr, m, k, this.gramOut, i0, i1, j0, j1);
    const res = this.f64(this.gramOut, k * k);
    for (let i = i0; i < i1; i++) {
      const a = i * k + Math.max(j0, i);
      const b = i * k + j1;
      if (b > a) out.set(res.subarray(a, b), a);
    }
  }

  /**
   * One tile by slabs of rows: the tile's columns (one range on the
   * diagonal, two off it) are copied slab by slab into a compact k' × rows
   * block, the kernel runs on it, and the partial products are added up.
   */
  private gramTileSlabs(z: Float64Array, k: number, m: number, out: Float64Array, i0: number, i1: number, j0: number, j1: number): void {
    const same = i0 === j0;
    const a = i1 - i0;
    const kc = same ? a : a + (j1 - j0);
    let rows = Math.floor((this.maxCopy / 8 - kc * kc) / kc);
    rows = Math.max(2, Math.min(m, rows - (rows % 2)));
    const base = this.reserve(this.slab, (rows * kc + kc * kc) * 8);
    const res = base + rows * kc * 8;
    for (let i = i0; i < i1; i++) for (let j = Math.max(j0, i); j < j1; j++) out[i * k + j] = 0;
    for (let t0 = 0; t0 < m; t0 += rows) {
      const n = Math.min(rows, m - t0); // even: m and rows are
      for (let c = 0; c < kc; c++) {
        const col = c < a ? i0 + c : j0 + (c - a);
        this.f64(base + c * n * 8, n).set(z.subarray(col * m + t0, col * m + t0 + n));
      }
      this.x.gramTile(base, n, kc, res, 0, a, same ? 0 : a, kc);
      const part = this.f64(res, kc * kc);
      for (let i = i0; i < i1; i++) {
        const ci = (i - i0) * kc;
        for (let j = Math.max(j0, i); j < j1; j++) out[i * k + j]! += part[ci + (same ? j - i0 : a + (j - j0))]!;
      }
    }
  }

  listSums(zt: Float64Array, w: number, ptr: Int32Array, idx: Int32Array, j0: number, j1: number, a: Float64Array, b: Float64Array): void {
    const k = ptr.length - 1;
    // Too big to copy in whole: the TypeScript kernel (the list sums are ~10% of the masked work).
    if (w % 2 !== 0 || zt.length % w !== 0 || zt.length * 8 + idx.length * 4 > this.maxCopy) {
      TS_KERNELS.listSums(zt, w, ptr, idx, j0, j1, a, b);
      return;
    }
    if (this.lists.src?.deref() !== zt) {
      const bytes = zt.length * 8 + align(ptr.length * 4) + align(idx.length * 4) + 2 * k * w * 8;
      const base = this.reserve(this.lists, bytes);
      this.f64(base, zt.length).set(zt);
      this.listPtr = base + zt.length * 8;
      this.listIdx = this.listPtr + align(ptr.length * 4);
      this.listA = this.listIdx + align(idx.length * 4);
      this.listB = this.listA + k * w * 8;
      new Int32Array(this.x.memory.buffer, this.listPtr, ptr.length).set(ptr);
      new Int32Array(this.x.memory.buffer, this.listIdx, idx.length).set(idx);
      this.lists.src = new WeakRef(zt);
    }
    this.x.listSums(this.lists.ptr, w, this.listPtr, this.listIdx, j0, j1, this.listA, this.listB);
    const from = j0 * w;
    const to = j1 * w;
    a.set(this.f64(this.listA + from * 8, to - from), from);
    b.set(this.f64(this.listB + from * 8, to - from), from);
  }
}

function align(bytes: number): number {
  return (bytes + 15) & ~15;
}

let shared: WasmKernels | null | undefined;

/**
 * This thread's WebAssembly kernels, or `null` when the module is unavailable
 * (see {@link wasmKernelModule}); callers then use the TypeScript kernels.
 */
export function wasmKernels(): WasmKernels | null {
  if (shared !== undefined) return shared;
  const mod = wasmKernelModule();
  shared = mod ? new WasmKernels(mod) : null;
  return shared;
}
