import { basename } from 'node:path';
import type { ImportProgress } from '@soukan/data';

/**
 * Receives an import's progress and draws it.
 *
 * @example progressView().done()
 */
export interface ProgressView {
  update(p: ImportProgress): void;
  /** Clears the bar (call before printing anything else). */
  done(): void;
}

/**
 * `1234567` → `1.23M`.
 *
 * @example compactCount(1234567) // '1.23M'
 */
export function compactCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(0)}k`;
  return String(Math.round(n));
}

/**
 * Seconds as `42s` or `3m05s`.
 *
 * @example duration(185) // '3m05s'
 */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * Rows per second and seconds left, from rows read, share done and time spent.
 *
 * @example rates({ lines: 1e6, fraction: 0.5, elapsedMs: 2000 }) // { rowsPerSecond: 500000, etaSeconds: 2 }
 */
export function rates(p: Pick<ImportProgress, 'lines' | 'fraction' | 'elapsedMs'>): { rowsPerSecond: number; etaSeconds: number } {
  const secs = p.elapsedMs / 1000;
  return {
    rowsPerSecond: secs > 0 ? p.lines / secs : 0,
    etaSeconds: p.fraction > 0.01 ? (secs * (1 - p.fraction)) / p.fraction : Number.NaN,
  };
}

/**
 * One line describing the progress (no bar).
 *
 * @example progressLine(p) // '45%  1.33M rows  820k rows/s  ETA 3s  HISTDATA_COM_ASCII_GBPUSD_M1_2017.zip (4/8)'
 */
export function progressLine(p: ImportProgress): string {
  const { rowsPerSecond, etaSeconds } = rates(p);
  const file = `${basename(p.file)} (${p.fileIndex + 1}/${p.files})`;
  if (p.phase === 'committing') return `committing ${compactCount(p.lines)} rows…`;
  if (p.phase === 'writing') return `writing the last rows of ${file}…`;
  return `${Math.floor(p.fraction * 100)}%  ${compactCount(p.lines)} rows  ${compactCount(rowsPerSecond)} rows/s  ETA ${duration(etaSeconds)}  ${file}`;
}

/**
 * Progress of an import on stderr: on a terminal, a bar redrawn in place at
 * most 10 times a second (`[#####.....] 45%  1.23M rows  820k rows/s  ETA 3s
 * EURUSD.zip (3/8)`); when stderr is not a terminal, nothing — unless
 * `lines` asks for plain `progress:` lines (one per 10 % and phase, for logs
 * and scripts).
 * @example const view = progressView(process.stderr, { lines: true }); await store.importFiles(files, { onProgress: (p) => view.update(p) })
 */
export function progressView(stream: NodeJS.WriteStream = process.stderr, options: { lines?: boolean } = {}): ProgressView {
  const tty = Boolean(stream.isTTY);
  if (tty) {
    let last = 0;
    let shown = false;
    return {
      update(p) {
        const now = performance.now();
        if (now - last < 100 && p.phase === 'reading') return;
        last = now;
        const width = 24;
        const filled = Math.round(p.fraction * width);
        const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
        const cols = stream.columns || 100;
        stream.write(`\r\x1b[2K${`${bar} ${progressLine(p)}`.slice(0, Math.max(20, cols - 1))}`);
        shown = true;
      },
      done() {
        if (shown) stream.write('\r\x1b[2K');
        shown = false;
      },
    };
  }
  if (!options.lines) return { update() {}, done() {} };
  let lastStep = -1;
  let lastPhase = '';
  return {
    update(p) {
      const step = Math.floor(p.fraction * 10);
      if (p.phase === lastPhase && step === lastStep) return;
      lastPhase = p.phase;
      lastStep = step;
      stream.write(`progress: ${p.phase} ${progressLine(p)}\n`);
    },
    done() {},
  };
}
