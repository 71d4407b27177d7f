// Inputs built to break a reader: truncated containers, files that expand
// far beyond their size, lines without end. Every one must end in an
// InputError naming the file (and the limit, where one applies), never in a
// crash of the process or an exhausted heap. All inputs are generated here.
import { describe, expect, it, vi } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { readDataset } from '../../src/formats/readDataset.js';
import { runCli } from '../../../../test/helpers/cli.js';
import { gz, inputError, put, tempDir, zip } from './helpers.js';

const at = tempDir();

// A slow file system: every stat takes 50 ms while streams keep flowing. It
// makes deterministic the race that killed the server 3 times in 4: the
// gunzip stream reached the truncated end while the reader still awaited a
// stat, with nobody listening for its error.
const slow = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const stat = (async (...args: Parameters<typeof fs.stat>) => {
    if (slow.on) await new Promise((r) => setTimeout(r, 50));
    return fs.stat(...args);
  }) as typeof fs.stat;
  return { ...fs, stat, default: { ...fs, stat } };
});

/** A long CSV of `n` valid rows. */
function longCsv(n: number): string {
  const rows = ['time,symbol,value'];
  for (let i = 0; i < n; i++) rows.push(`${new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString()},EUR/USD,1.1`);
  return `${rows.join('\n')}\n`;
}

describe('a truncated gzip is an InputError, every time', () => {
  const full = gz(longCsv(20_000));
  const cut = put(at('cut.csv.gz'), full.subarray(0, 600));

  it('readDataset and parse reject it (the gunzip error used to be emitted with no listener)', async () => {
    slow.on = true;
    try {
      await inputError(parse(cut), { file: cut, message: /unexpected end of file/ });
    } finally {
      slow.on = false;
    }
    // Eight at once keep the thread pool busy, which is what let the gunzip reach the end of its input before anyone listened.
    for (let round = 0; round < 20; round++) {
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          i % 4 === 3 ? inputError(readDataset(cut), { file: cut, message: /unexpected end of file/ }) : inputError(parse(cut), { file: cut, message: /unexpected end of file/ }),
        ),
      );
    }
  });

  it('the CLI exits 2 with one line, no stack trace', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await runCli(['corr', '--data', cut]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).toMatch(/cut\.csv\.gz/);
    }
  }, 60_000);
});

describe('reading is bounded, whatever the file expands to', () => {
  it('a zip of blank lines after one header is read in constant memory (detection buffers a few KiB at most)', async () => {
    // 64 Mi newlines deflate to ~64 KiB; buffering each line for detection took gigabytes.
    const p = put(at('blank.zip'), zip([{ name: 'blank.csv', text: Buffer.concat([Buffer.from('time,symbol,value\n'), Buffer.alloc(64 * 2 ** 20, 10)]) }]));
    const heap = process.memoryUsage().heapUsed;
    let peak = heap;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    try {
      await inputError(readDataset(p), { message: /header only|no data rows/ });
    } finally {
      clearInterval(timer);
    }
    expect(peak - heap).toBeLessThan(64 * 2 ** 20);
  }, 60_000);

  it('a file only of blank lines is "empty", without holding them', async () => {
    const p = put(at('blanks.csv.gz'), gz('\n'.repeat(4 * 2 ** 20)));
    await inputError(readDataset(p), { message: /empty/ });
  });

  it('maxBytes bounds the decompressed size, and the error names the limit', async () => {
    const p = put(at('big.csv.gz'), gz(longCsv(100_000)));
    await inputError(readDataset(p, { maxBytes: 2 ** 20 }), { file: p, message: /over the limit of 1 MiB \(maxBytes\)/ });
    await inputError(parse(p, { maxBytes: 2 ** 20 }), { file: p, message: /maxBytes/ });
    const z = put(at('big.zip'), zip([{ name: 'big.csv', text: longCsv(100_000) }]));
    await inputError(readDataset(z, { maxBytes: 2 ** 20 }), { message: /maxBytes/ });
    // Within the limit, the same file reads.
    expect((await readDataset(p, { maxBytes: 64 * 2 ** 20 })).series[0]!.time.length).toBe(100_000);
  });

  it('maxLineLength bounds a line, and the error names the limit and the line', async () => {
    const p = put(at('long.csv'), `time,symbol,value\n2020-01-01,EUR/USD,1.1${'0'.repeat(5000)}\n`);
    await inputError(readDataset(p, { maxLineLength: 1000 }), { file: p, line: 2, message: /longer than 1000 characters \(maxLineLength\)/ });
  });
});

describe('no bad value is stored without an error', () => {
  it('a duplicated column name is refused, naming it (ECB, long CSV, MT5; wide CSV, FRED and H.10 already refused two columns for one pair)', async () => {
    // With --replace, the second USD column used to overwrite EUR/USD.
    await inputError(readDataset(put(at('dup-ecb.csv'), 'Date,USD,JPY,USD,\n2020-01-02,1.1,120.5,1.3,\n')), { line: 1, field: 'USD', message: /duplicate column/ });
    await inputError(readDataset(put(at('dup-wide.csv'), 'time,EURUSD,USDJPY,EUR/USD\n2020-01-02,1.1,110,1.2\n'), { format: 'csv-wide' }), { line: 1, message: /two columns for EUR\/USD/ });
    await inputError(readDataset(put(at('dup-long.csv'), 'time,symbol,value,value\n2020-01-02,EUR/USD,1.1,1.2\n'), { format: 'csv-long' }), { line: 1, field: 'value', message: /duplicate column/ });
    await inputError(readDataset(put(at('dup-fred.csv'), 'DATE,Japan,Japan\n2020-01-02,110.1,110.2\n'), { format: 'fred-wide' }), { line: 1, field: 'Japan', message: /two columns for USD\/JPY/ });
    await inputError(readDataset(put(at('EURUSD_M1.csv'), '<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<CLOSE>\n2020.01.02\t10:00:00\t1.1\t1.2\t1.0\t1.1\t1.1\n')), { line: 1, field: '<CLOSE>', message: /duplicate column/ });
  });

  it("a zip member whose bytes do not match its CRC-32 is refused (a changed digit used to be imported)", async () => {
    const good = zip([{ name: 'ecb.csv', text: 'Date,USD,\n2017-01-03,1.0385,\n', store: true }]);
    const bad = Buffer.from(good);
    const at1 = bad.indexOf('1.0385');
    bad[at1 + 5] = '6'.charCodeAt(0);
    expect((await readDataset(put(at('good.zip'), good))).series[0]!.close[0]).toBe(1.0385);
    await inputError(readDataset(put(at('bad.zip'), bad)), { file: /bad\.zip:ecb\.csv$/, message: /CRC-32/ });
  });

  it('a volume that overflows to Infinity is an error in every bar format', async () => {
    await inputError(readDataset(put(at('v-long.csv'), 'time,symbol,open,high,low,close,volume\n2020-01-02 10:00,EUR/USD,1.1,1.2,1.0,1.1,1e400\n')), {
      line: 2,
      field: 'volume',
      message: /not a finite number/,
    });
    await inputError(readDataset(put(at('DAT_ASCII_EURUSD_M1_2020.csv'), '20200102 100000;1.1;1.2;1.0;1.1;1e400\n')), { line: 1, field: 'volume', message: /not a finite number/ });
    await inputError(readDataset(put(at('EURUSD1.csv'), '2020.01.02,10:00,1.1,1.2,1.0,1.1,1e400\n')), { line: 1, field: 'volume', message: /not a finite number/ });
    await inputError(readDataset(put(at('EURUSD_M1.csv'), '<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\n2020.01.02\t10:00:00\t1.1\t1.2\t1.0\t1.1\t1e400\n')), {
      line: 2,
      field: '<TICKVOL>',
      message: /not a finite number/,
    });
  });

  it('a date without a time of day among intraday times is refused, not read as 00:00', async () => {
    await inputError(readDataset(put(at('d1.csv'), 'time,symbol,value\n2020-01-02 10:00,EUR/USD,1.1\n2020-01-03,EUR/USD,1.2\n')), {
      line: 3,
      field: 'time',
      text: '2020-01-03',
      message: /no time of day/,
    });
    await inputError(readDataset(put(at('d2.csv'), 'time,EUR/USD\n2020-01-02,1.1\n2020-01-02 10:00,1.2\n')), { line: 2, field: 'time', text: '2020-01-02', message: /no time of day/ });
    // All dates: a daily file, as before. An explicit dateFormat with an optional time accepts midnight.
    expect((await readDataset(put(at('d3.csv'), 'time,EUR/USD\n2020-01-02,1.1\n2020-01-03,1.2\n'))).frequency).toBe('daily');
    const ok = await readDataset(put(at('d4.csv'), 'time,EUR/USD\n2020-01-02,1.1\n2020-01-02 10:00,1.2\n'), { dateFormat: 'YYYY-MM-DD[ HH:mm]' });
    expect(Array.from(ok.series[0]!.time)).toEqual([Date.UTC(2020, 0, 2), Date.UTC(2020, 0, 2, 10)]);
  });
});
