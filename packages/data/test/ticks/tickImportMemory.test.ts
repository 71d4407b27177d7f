// A month of EUR/USD ticks imports in bounded memory. The month is the real
// 48 hours of Dukascopy ticks (4–5 Feb 2019) laid out again as 30 days from
// 1 March 2019 — each hour file linked (not copied) at its new path, since
// the hour comes from the path — 720 hour files, 15 × the real two days'
// ticks. `soukan import` runs as a child process and reports its peak
// resident memory (all threads, DuckDB's included) as it exits: both the two
// real days and the month stay under one bound that does not grow with the
// input, and the month adds less than DuckDB's capped import memory and a
// margin (docs/ticks.md, "Memory"; without the cap and with the LZMA
// binding's kept inputs the month took 290 MB, 143 MB more than two days).
// Memory, not time, is asserted.
import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../../../test/helpers/runProcess.js';
import { repoRoot, sharedData } from '../../../../test/helpers/sharedData.js';
import { tempDir } from '../store/helpers.js';

/** Peak resident memory any tick import may reach, whatever its size (docs/ticks.md). */
const BOUND_MB = 250;
/** What 15 × the ticks may add to the two days' peak: DuckDB's import memory (64 MB) filling up, and no more. */
const GROWTH_MB = 100;
const at = tempDir('soukan-tick-month-');
const real = sharedData('dukascopy_ticks/EURUSD/2019/01');
const DAYS = ['04', '05'] as const;

/** The real two days laid out as `days` consecutive days from 1 March 2019 (Dukascopy months are zero-based). */
function month(days: number): string {
  const root = at(`d${days}`);
  for (let d = 0; d < days; d++) {
    const from = join(real, DAYS[d % 2]!);
    const t = new Date(Date.UTC(2019, 2, 1 + d));
    const dir = join(root, 'EURUSD', String(t.getUTCFullYear()), String(t.getUTCMonth()).padStart(2, '0'), String(t.getUTCDate()).padStart(2, '0'));
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(from)) symlinkSync(join(from, f), join(dir, f));
  }
  return join(root, 'EURUSD');
}

async function importPeak(folder: string, store: string): Promise<{ added: number; peakMb: number }> {
  const r = await runProcess(process.execPath, ['--import', new URL('./maxRss.mjs', import.meta.url).href, join(repoRoot, 'packages', 'cli', 'bin', 'soukan.js'), 'import', folder, '--store', store, '--format', 'json'], {
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(r.code, r.stderr).toBe(0);
  const kb = /maxrss-kb (\d+)/.exec(r.stderr);
  expect(kb, r.stderr).not.toBeNull();
  return { added: (JSON.parse(r.stdout) as { added: number }).added, peakMb: Number(kb![1]) / 1024 };
}

describe('tick import memory', () => {
  it(`a month of EUR/USD ticks imports in under ${BOUND_MB} MB, as two days do`, async () => {
    const two = await importPeak(real, at('two.duckdb'));
    const m = await importPeak(month(30), at('month.duckdb'));
    expect(two.added).toBe(266_219);
    expect(m.added).toBe(15 * two.added);
    expect(two.peakMb).toBeLessThan(BOUND_MB);
    const said = `peak ${m.peakMb.toFixed(0)} MB for ${m.added} ticks (two days: ${two.peakMb.toFixed(0)} MB)`;
    expect(m.peakMb, said).toBeLessThan(BOUND_MB);
    expect(m.peakMb - two.peakMb, said).toBeLessThan(GROWTH_MB);
  }, 600_000);
});
