import { formatParam } from '@soukan/requests';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { machineThreads, storePath, wasmKernelModule, wasmKernelUnavailableReason } from '@soukan/data';
import { loadNative, nativeUnavailableReason } from '@soukan/native';
import type { Command } from 'commander';
import { pad } from '../output/table.js';
import { addFormat } from '../requestOptions.js';

/** What `soukan doctor` reports: which kernels this machine runs, and where data is kept. */
export interface DoctorReport {
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  /** The OpenBLAS add-on: its BLAS and threads when in use, else why not. */
  readonly native: { readonly inUse: boolean; readonly blas: string | null; readonly reason: string | null };
  /** The WebAssembly SIMD kernels (compiling the module needs SIMD): in use, else why not. */
  readonly wasmSimd: { readonly inUse: boolean; readonly reason: string | null };
  readonly workerThreads: { readonly available: boolean; readonly cores: number };
  readonly store: { readonly path: string; readonly engine: string; readonly exists: boolean };
  /** `$SOUKAN_KERNEL` when set: the correlation kernel the dispatcher is told to use (native, wasm, ts). */
  readonly forcedKernel: string | null;
}

/**
 * Looks at this process: Node, the native add-on ({@link loadNative}), the
 * WebAssembly module, worker threads and the store location. Never throws.
 *
 * @example doctorReport().native.inUse // true where `npm run build` built the add-on
 */
export function doctorReport(env: NodeJS.ProcessEnv = process.env): DoctorReport {
  const native = loadNative();
  const wasm = wasmKernelModule() !== null;
  const path = storePath(env);
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    native: { inUse: native !== null, blas: native?.blas ?? null, reason: native ? null : (nativeUnavailableReason() ?? 'unknown') },
    wasmSimd: { inUse: wasm, reason: wasm ? null : (wasmKernelUnavailableReason() ?? 'unknown') },
    workerThreads: { available: typeof Worker === 'function', cores: machineThreads() },
    store: { path, engine: 'DuckDB', exists: existsSync(path) },
    forcedKernel: env.SOUKAN_KERNEL || null,
  };
}

/** `soukan doctor`: which kernels are in use here and why, Node, the store. */
export function registerDoctor(program: Command): void {
  const cmd = program.command('doctor').summary('which compute kernels this machine uses (native BLAS, WebAssembly SIMD, threads), Node, the store');
  addFormat(cmd, formatParam(['table', 'json'])).action((opts: { format: 'table' | 'json' }) => {
    const r = doctorReport();
    if (opts.format === 'json') {
      process.stdout.write(JSON.stringify(r) + '\n');
      return;
    }
    const rows = [
      ['native add-on', r.native.inUse ? `in use: ${r.native.blas}` : `not in use: ${r.native.reason}`],
      ['WebAssembly SIMD', r.wasmSimd.inUse ? 'in use' : `not in use: ${r.wasmSimd.reason}`],
      ['worker threads', r.workerThreads.available ? `available, ${r.workerThreads.cores} core(s)` : 'not available'],
      ['Node', `${r.node} (V8 ${r.v8}, ${r.platform})`],
      ['store', `${r.store.path} (${r.store.engine}${r.store.exists ? '' : ', not created yet'})`],
    ];
    if (r.forcedKernel !== null) rows.push(['SOUKAN_KERNEL', `${r.forcedKernel} (the correlation kernel is forced)`]);
    const width = Math.max(...rows.map((row) => row[0]!.length));
    const lines = rows.map(([k, v]) => `${pad(k!, width, 'left')}  ${v}\n`);
    if (!r.native.inUse) lines.push(`dense correlation matrices use the ${r.wasmSimd.inUse ? 'WebAssembly SIMD' : 'TypeScript'} kernels\n`);
    process.stdout.write(lines.join(''));
  });
}
