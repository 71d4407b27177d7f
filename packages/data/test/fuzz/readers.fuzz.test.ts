// Fuzzing every reader with mutated inputs (fast-check): valid files of each
// format, generated here, are cut, spliced, flipped, repeated and wrapped in
// gzip or zip (sometimes corrupted), then read. Whatever the bytes, a read
// must end in a Dataset whose values are finite, or in an InputError — never
// another exception, never a hang (> 5 s), never a heap beyond its budget.
//
// CI runs SOUKAN_FUZZ_RUNS (default 5,000) inputs per reader; `npm run fuzz`
// runs 100,000 per reader. The CLI gets a sample of the same inputs
// (SOUKAN_FUZZ_CLI_RUNS, default 16): it must exit 0 or 2, without a stack trace. A failure prints fast-check's seed and path:
// replay with SOUKAN_FUZZ_SEED=<seed>.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readDataset } from '../../src/formats/readDataset.js';
import type { Dataset, FormatName } from '../../src/formats/types.js';
import { runCli } from '../../../../test/helpers/cli.js';
import { zip } from '../formats/helpers.js';

const RUNS = Number(process.env.SOUKAN_FUZZ_RUNS ?? 5_000);
const SEED = process.env.SOUKAN_FUZZ_SEED === undefined ? undefined : Number(process.env.SOUKAN_FUZZ_SEED);
/** Longest a single read may take before it counts as a hang. */
const HANG_MS = 5_000;
/** Heap a read of these small inputs may leave in use; the budgets keep even a decompression bomb far below. */
const HEAP_BUDGET = 1024 * 2 ** 20;
/** Tight budgets, so that mutations reach them: a bomb must fail by name, not by exhausting the test. */
const LIMITS = { maxBytes: 8 * 2 ** 20, maxLineLength: 64 * 1024 };

const dir = mkdtempSync(join(tmpdir(), 'soukan-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const day = (i: number): string => new Date(Date.UTC(2019, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const minute = (i: number): Date => new Date(Date.UTC(2019, 0, 7, 3) + i * 60_000);
const px = (i: number): string => (1.1 + Math.sin(i / 7) * 0.01).toFixed(5);
const rows = (n: number, f: (i: number) => string): string => Array.from({ length: n }, (_, i) => f(i)).join('\n');
const hd = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace('T', ' ').slice(0, 15);
const mt = (d: Date): [string, string] => [d.toISOString().slice(0, 10).replace(/-/g, '.'), d.toISOString().slice(11, 16)];
const bar = (i: number, sep: string): string => {
  const [o, c] = [Number(px(i)), Number(px(i + 1))];
  return [o.toFixed(5), (Math.max(o, c) + 0.0004).toFixed(5), (Math.min(o, c) - 0.0004).toFixed(5), c.toFixed(5), String(10 + (i % 9))].join(sep);
};

/** One valid file per reader, and the name it is read under (names carry symbols for HistData and MetaTrader). */
const SEEDS: Record<FormatName, { name: string; text: string }> = {
  ecb: { name: 'eurofxref-hist.csv', text: `Date,USD,JPY,GBP,\n${rows(30, (i) => `${day(40 - i)},${px(i)},${(120 + i / 10).toFixed(2)},N/A,`)}\n` },
  h10: {
    name: 'frb_h10.csv',
    text:
      '"Series Description","Euro","Japanese yen"\n"Unit:","Currency:_Per_EUR","Currency:_Per_USD"\n"Multiplier:","1","1"\n"Currency:","EUR","JPY"\n"Unique Identifier: ","H10/H10/RXI$US_N.B.EU","H10/H10/RXI_N.B.JA"\n"Time Period","RXI$US_N.B.EU","RXI_N.B.JA"\n' +
      `${rows(30, (i) => `${day(i)},${px(i)},${i % 11 === 0 ? 'ND' : (110 + i / 10).toFixed(2)}`)}\n`,
  },
  'fred-wide': { name: 'fred_wide.csv', text: `DATE,Euro,Japan,Canada\n${rows(30, (i) => `${day(i)},${px(i)},${(110 + i / 10).toFixed(2)},${i % 5 ? '1.3' : ''}`)}\n` },
  histdata: { name: 'DAT_ASCII_EURUSD_M1_2019.csv', text: `${rows(40, (i) => `${hd(minute(i))};${bar(i, ';')}`)}\n` },
  mt4: { name: 'EURUSD1.csv', text: `${rows(40, (i) => `${mt(minute(i)).join(',')},${bar(i, ',')}`)}\n` },
  mt5: {
    name: 'EURUSD_M1_201901070300_201901070400.csv',
    text: `<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n${rows(40, (i) => `${mt(minute(i))[0]}\t${mt(minute(i))[1]}:00\t${bar(i, '\t')}\t0\t5`)}\n`,
  },
  'csv-long': {
    name: 'long.csv',
    text: `time,symbol,open,high,low,close,volume\n${rows(40, (i) => `${minute(i).toISOString().slice(0, 16).replace('T', ' ')},${i % 2 ? 'EUR/USD' : 'USDJPY'},${bar(i, ',')}`)}\n`,
  },
  'csv-wide': { name: 'wide.csv', text: `time,EUR/USD,USD/JPY,GBPUSD\n${rows(30, (i) => `${day(i)},${px(i)},${(110 + i / 10).toFixed(2)},${i % 4 ? px(i + 3) : ''}`)}\n` },
};

const TOKENS = ['\n', '\r\n', ',', ';', '\t', '"', '""', '.', '-', '1e400', '-1e400', 'NaN', 'Infinity', '0', '-0', '1e-400', '999999999999999999999', 'N/A', 'ND', '2019-02-30', '24:61', '\u0000', '\ufeff', '\u00ff\u00fe', 'EUR/USD', 'USD', 'Date', 'time', ' ', '\n\n\n'];

type Op =
  | { k: 'del'; at: number; len: number }
  | { k: 'ins'; at: number; text: string }
  | { k: 'flip'; at: number; byte: number }
  | { k: 'repeat'; at: number; len: number; times: number }
  | { k: 'cut'; at: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('del' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ k: fc.constant('ins' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 12 })) }),
  fc.record({ k: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ k: fc.constant('repeat' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 80 }), times: fc.integer({ min: 2, max: 200 }) }),
  fc.record({ k: fc.constant('cut' as const), at: fc.nat() }),
);

const mutation = fc.record({
  ops: fc.array(op, { minLength: 1, maxLength: 3 }),
  // Skipping bad rows reads past the damage, so that what a mutation leaves behind reaches the result.
  skip: fc.boolean(),
  container: fc.constantFrom('plain', 'plain', 'plain', 'gz', 'zip', 'gz-damaged', 'zip-damaged'),
  detect: fc.boolean(),
  damage: fc.nat(),
});

function mutate(src: Buffer, ops: readonly Op[]): Buffer {
  let b = src;
  for (const o of ops) {
    const at = b.length === 0 ? 0 : o.at % (b.length + 1);
    if (o.k === 'del') b = Buffer.concat([b.subarray(0, at), b.subarray(at + o.len)]);
    else if (o.k === 'ins') b = Buffer.concat([b.subarray(0, at), Buffer.from(o.text), b.subarray(at)]);
    else if (o.k === 'flip' && b.length > 0) {
      b = Buffer.from(b);
      b[at % b.length] = o.byte;
    } else if (o.k === 'repeat') b = Buffer.concat([b.subarray(0, at), Buffer.alloc(0), ...Array<Buffer>(o.times).fill(b.subarray(at, at + o.len)), b.subarray(at)]);
    else if (o.k === 'cut') b = b.subarray(0, at);
  }
  return b;
}

function wrap(name: string, body: Buffer, container: string, damage: number): { file: string; bytes: Buffer } {
  let bytes = body;
  let file = name;
  if (container.startsWith('gz')) {
    bytes = gzipSync(body);
    file = `${name}.gz`;
  } else if (container.startsWith('zip')) {
    bytes = zip([{ name, text: body, store: damage % 3 === 0 }]);
    file = `${name.replace(/\.csv$/, '')}.zip`;
  }
  if (container.endsWith('damaged') && bytes.length > 0) {
    bytes = Buffer.from(bytes);
    if (damage % 2) bytes = bytes.subarray(0, damage % bytes.length);
    else {
      const at = damage % bytes.length;
      bytes[at] = bytes[at]! ^ (1 + (damage % 255));
    }
  }
  return { file, bytes };
}

/** What a successful read must hold: finite times and prices (volume: finite, or NaN for missing). */
function checkValues(ds: Dataset): void {
  for (const s of ds.series) {
    for (const a of [s.time, s.close, s.open, s.high, s.low]) if (a) for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) throw new Error(`${s.symbol}: non-finite value ${a[i]} at ${i}`);
    const v = s.volume;
    if (v) for (let i = 0; i < v.length; i++) if (v[i] === Infinity || v[i] === -Infinity) throw new Error(`${s.symbol}: infinite volume at ${i}`);
  }
}

async function readOnce(path: string, format: FormatName | undefined, skipBadRows: boolean): Promise<'ok' | 'input-error'> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: no answer after ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    const ds = await Promise.race([readDataset(path, { ...LIMITS, format, skipBadRows }), hang]);
    checkValues(ds);
    return 'ok';
  } catch (e) {
    if (e instanceof InputError) return 'input-error';
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

describe(`fuzz: ${RUNS} mutated inputs per reader`, () => {
  for (const [format, seed] of Object.entries(SEEDS) as [FormatName, { name: string; text: string }][]) {
    it(`${format}: every read ends in a dataset of finite values or an InputError`, async () => {
      const src = Buffer.from(seed.text);
      // The unmutated seed reads: the mutations start from a real file of this format.
      checkValues(await readDataset(writeCase(format, seed.name, src), { format }));
      const seen = { ok: 0, 'input-error': 0 };
      let n = 0;
      await fc.assert(
        fc.asyncProperty(mutation, async (m) => {
          const { file, bytes } = wrap(seed.name, mutate(src, m.ops), m.container, m.damage);
          seen[await readOnce(writeCase(format, file, bytes), m.detect ? undefined : format, m.skip)]++;
          if (++n % 250 === 0) expect(process.memoryUsage().heapUsed).toBeLessThan(HEAP_BUDGET);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(seen.ok + seen['input-error']).toBe(RUNS);
      // Some mutations must still read, or the fuzzing only ever tested the first line's check.
      expect(seen.ok).toBeGreaterThan(RUNS / 100);
    }, Math.max(120_000, RUNS * 20));
  }
});

function writeCase(format: string, file: string, bytes: Buffer): string {
  const sub = join(dir, format);
  mkdirSync(sub, { recursive: true });
  const path = join(sub, file);
  writeFileSync(path, bytes);
  return path;
}

const CLI_RUNS = Number(process.env.SOUKAN_FUZZ_CLI_RUNS ?? 16);

describe(`fuzz: ${CLI_RUNS} mutated files through soukan corr`, () => {
  it('exits 0 or 2, and never with a stack trace', async () => {
    const formats = Object.keys(SEEDS) as FormatName[];
    const cases = fc.sample(fc.tuple(fc.constantFrom(...formats), mutation), { numRuns: CLI_RUNS, seed: SEED });
    const sub = join(dir, 'cli');
    mkdirSync(sub, { recursive: true });
    for (let i = 0; i < cases.length; i += 4) {
      await Promise.all(
        cases.slice(i, i + 4).map(async ([format, m], k) => {
          const seed = SEEDS[format];
          const { file, bytes } = wrap(seed.name, mutate(Buffer.from(seed.text), m.ops), m.container, m.damage);
          const path = join(sub, `${i + k}-${file}`);
          writeFileSync(path, bytes);
          const r = await runCli(['corr', '--data', path, ...(m.skip ? ['--skip-bad-rows'] : [])]);
          expect([0, 2], `${format} ${path}: exit ${r.code}\n${r.stderr}`).toContain(r.code);
          expect(r.stderr, path).not.toMatch(/\n\s+at /);
        }),
      );
    }
  }, 600_000);
});
