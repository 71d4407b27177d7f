// The CLI as installed runs from its per-command bundle (scripts/bundleCli.mjs,
// made by `npm run build`, which npm test runs first): bin/soukan.js loads
// it, and the data layer's code inlined in it still finds the correlation
// worker script of @soukan/data when a matrix is big enough for threads.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import { sharedData } from '../../../test/helpers/sharedData.js';
import { mulberry32 } from '../../../test/helpers/mulberry32.js';

const dir = mkdtempSync(join(tmpdir(), 'soukan-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface CorrJson {
  symbols: string[];
  matrix: (number | null)[][];
}

describe('the per-command bundle', () => {
  it('is what bin/soukan.js runs: --verbose says the modules came from the bundle', async () => {
    const res = await runCli(['corr', '--universe', 'majors', '--data', sharedData('eurofxref-hist.zip'), '--verbose', '--format', 'json']);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/^start-up: Node [\d.]+ ms, modules [\d.]+ ms \(CPU [\d.]+ ms, bundle\)$/m);
  });

  it('serve and watch run from the compiled modules (they load @soukan/server, which brings its own @soukan/data)', async () => {
    const res = await runCli(['serve', '--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Usage: soukan serve/);
  });

  it('a matrix big enough for worker threads: the bundled dispatcher starts them and equals the one-thread TypeScript reference within 1e-12', async () => {
    // Every pair of 25 currencies (300 series) × 4,500 rows: 45,150 cells × 4,500 ≈ 2·10⁸ multiply-adds,
    // at the dispatcher's PARALLEL_MIN_WORK_COLD, so a cold process starts its
    // worker pool (on a machine with more than one core).
    const ccy = 'USD EUR JPY GBP AUD NZD CAD CHF SEK NOK DKK PLN CZK HUF TRY ZAR MXN BRL CNY HKD SGD KRW INR THB ILS'.split(' ');
    const names = ccy.flatMap((a, i) => ccy.slice(i + 1).map((b) => `${a}/${b}`));
    const k = names.length;
    const n = 4500;
    const u = mulberry32(13);
    const lines = [['date', ...names.map((s) => s.replace('/', ''))].join(',')];
    const px = new Float64Array(k).fill(1);
    const common = new Float64Array(5);
    for (let t = 0; t < n; t++) {
      for (let f = 0; f < 5; f++) common[f] = u() - 0.5;
      for (let j = 0; j < k; j++) px[j]! *= Math.exp(0.01 * (common[j % 5]! + u() - 0.5));
      lines.push([new Date(Date.UTC(2000, 0, 1) + t * 86400000).toISOString().slice(0, 10), ...Array.from(px, (v) => v.toPrecision(12))].join(','));
    }
    const csv = join(dir, 'wide.csv');
    writeFileSync(csv, lines.join('\n') + '\n');
    const args = ['corr', '--data', csv, '--window', 'all', '--format', 'json', '--verbose', ...names];
    const [auto, ref] = await Promise.all([runCli(args, { SOUKAN_KERNEL: undefined, SOUKAN_THREADS: undefined }), runCli(args, { SOUKAN_KERNEL: 'ts', SOUKAN_THREADS: '1' })]);
    expect(auto.code).toBe(0);
    expect(ref.code).toBe(0);
    const threads = Math.min(2, availableParallelism());
    expect(auto.stderr).toMatch(/\(CPU [\d.]+ ms, bundle\)/);
    expect(auto.stderr).toMatch(new RegExp(`^compute: kernel [^;]+, ${threads} threads?;`, 'm'));
    expect(ref.stderr).toMatch(/^compute: kernel typescript, 1 thread;/m);
    const a = JSON.parse(auto.stdout) as CorrJson;
    const b = JSON.parse(ref.stdout) as CorrJson;
    expect(a.symbols).toEqual(names);
    expect(b.symbols).toEqual(names);
    let worst = 0;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) worst = Math.max(worst, Math.abs(a.matrix[i]![j]! - b.matrix[i]![j]!));
    expect(worst).toBeLessThanOrEqual(1e-12);
  });
});
