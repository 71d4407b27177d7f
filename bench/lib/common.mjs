// Helpers shared by bench/*.bench.mjs (optional: a bench only has to print
// its BENCH_RESULT line, see bench/README.md).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const benchDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const root = dirname(benchDir);
export const PYTHON = '/usr/bin/python3';

/** Import a built workspace package's dist entry (`core`, `data`). */
export async function dist(pkg) {
  return import(pathToFileURL(join(root, 'packages', pkg, 'dist', 'index.js')).href);
}

/** `--name value` from argv, as a number, else `def`. */
export function numArg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

/** Seeded uniform (mulberry32) and standard normal. */
export function rng(seed) {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

/**
 * k series × n observations from 5 common factors + noise (so correlations
 * are not all ~0), series-major in one Float64Array; `missing` of the cells
 * set to NaN completely at random.
 */
export function factorData(k, n, seed, missing = 0) {
  const { uniform, normal } = rng(seed);
  const F = 5;
  const factors = Array.from({ length: F }, () => Float64Array.from({ length: n }, normal));
  const data = new Float64Array(k * n);
  const columns = [];
  for (let j = 0; j < k; j++) {
    const load = Array.from({ length: F }, () => normal() * 0.5);
    const col = data.subarray(j * n, (j + 1) * n);
    for (let t = 0; t < n; t++) {
      let v = 0.01 * normal();
      for (let f = 0; f < F; f++) v += 0.01 * load[f] * factors[f][t];
      col[t] = v;
    }
    columns.push(col);
  }
  if (missing > 0) for (let i = 0; i < data.length; i++) if (uniform() < missing) data[i] = NaN;
  return { data, columns };
}

/** Wall time of `fn` over `reps` runs (after `warm` unmeasured ones): best, median, last result. */
export async function time(fn, reps, warm = 1) {
  let res;
  for (let i = 0; i < warm; i++) res = await fn();
  const ms = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    res = await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { best: ms[0], median: ms[Math.floor((ms.length - 1) / 2)], all: ms, res };
}

/** A temp folder removed at exit. */
export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'soukan-bench-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Write a Float64Array as raw little-endian doubles. */
export function writeF64(path, a) {
  // In pieces: one write call takes at most 2 GiB.
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const piece = 1 << 30;
  writeFileSync(path, bytes.subarray(0, Math.min(piece, bytes.length)));
  for (let o = piece; o < bytes.length; o += piece) appendFileSync(path, bytes.subarray(o, Math.min(o + piece, bytes.length)));
}

/** Run a peer script with /usr/bin/python3; returns its last stdout line parsed as JSON. */
export function peer(script, args) {
  const r = spawnSync(PYTHON, [join(benchDir, 'peers', script), ...args.map(String)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`peer ${script} failed: ${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** Largest |a − b| where both are numbers, and how many cells disagree on NaN-ness. */
export function compare(a, b) {
  let max = 0;
  let nanMismatch = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (Number.isNaN(x) !== Number.isNaN(y)) nanMismatch++;
      continue;
    }
    const d = Math.abs(x - y);
    if (d > max) max = d;
  }
  return { max, nanMismatch };
}

/**
 * Print the machine-readable result line the runner (scripts/bench.mjs)
 * collects. Rows: { name, soukan?, soukanMs, peerName, peerMs, ratio,
 * target?, met?, peakMB?, note? } with ratio = peerMs / soukanMs.
 */
export function report(title, rows, notes = []) {
  console.log(`BENCH_RESULT ${JSON.stringify({ title, rows, notes })}`);
}

/** A row comparing soukan with a peer; ratio = peer / soukan. */
export function row(name, soukanMs, peerName, peerMs, extra = {}) {
  const ratio = peerMs != null && soukanMs > 0 ? peerMs / soukanMs : null;
  return { name, soukanMs: round(soukanMs), peerName, peerMs: peerMs == null ? null : round(peerMs), ratio: ratio == null ? null : Math.round(ratio * 100) / 100, ...extra };
}

function round(ms) {
  return Math.round(ms * 10) / 10;
}

/** Print a small human table of rows. */
export function printRows(title, rows) {
  console.log(`\n${title}`);
  for (const r of rows) {
    const ratio = r.ratio == null ? '' : `  ${r.ratio.toFixed(2)}× vs ${r.peerName} (${r.peerMs.toFixed(1)} ms)`;
    const target = r.target ? `  target ${r.target}: ${r.met ? 'met' : 'NOT met'}` : '';
    const peak = r.peakMB != null ? `  peak ${r.peakMB} MB` : '';
    console.log(`  ${r.name.padEnd(58)} ${r.soukanMs.toFixed(1).padStart(9)} ms${ratio}${peak}${target}${r.note ? `  [${r.note}]` : ''}`);
  }
}

/**
 * Starts `soukan serve ARGS` (port 0) and resolves with the dashboard's URL
 * once it prints it, and a function that stops the server.
 */
export function serveSoukan(args, env = {}) {
  const child = spawn(process.execPath, [join(root, 'packages', 'cli', 'bin', 'soukan.js'), 'serve', ...args, '--port', '0'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b) => (err += b));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
      const m = /dashboard at (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ url: m[1], stop: () => child.kill() });
    });
    child.on('exit', (c) => reject(new Error(`serve exited ${c}: ${err.trim().split('\n')[0] ?? ''}`)));
  });
}
