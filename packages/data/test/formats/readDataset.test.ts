import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/helpers/sharedData.js';
import { InputError } from '../../src/errors.js';
import { FORMAT_NAMES, FORMAT_SOURCE, detectFormat, readDataset } from '../../src/formats/index.js';
import { readEcb } from '../../src/formats/readers.js';
import { gz, inputError, put, tempDir, zip } from './helpers.js';

const p = tempDir();
const HD = (hhmm: string, c = '1.051900'): string => `20170102 ${hhmm}00;1.051550;1.052000;1.051500;${c};0`;

describe('detectFormat', () => {
  const cases: [string, string | Buffer, string][] = [
    ['ecb.csv', 'Date,USD,JPY,\n2017-01-03,1.0385,122.28,\n', 'ecb'],
    ['h10.csv', '"Series Description","Euro"\n"Currency:","EUR"\n"Time Period","RXI$US_N.B.EU"\n2017-01-03,1.04\n', 'h10'],
    ['fred.csv', 'Data,Euro\n2017-11-30,0.8405\n', 'fred-wide'],
    ['hd.csv', `${HD('0200')}\n`, 'histdata'],
    ['mt4.csv', '2017.01.02,17:00,1.05155,1.05165,1.05155,1.05165,12\n', 'mt4'],
    ['mt5.csv', '<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\n', 'mt5'],
    ['long.csv', 'time,symbol,value\n', 'csv-long'],
    ['wide.csv', 'time,EURUSD\n', 'csv-wide'],
  ];
  for (const [name, text, want] of cases) {
    it(`recognises ${want} by content (named ${name}, and misnamed, gzipped)`, async () => {
      expect(await detectFormat(put(p(name), text))).toBe(want);
      expect(await detectFormat(put(p(`eurofxref-hist-${name}.gz`), gz(String(text))))).toBe(want);
    });
  }

  it('the real files', async () => {
    expect(await detectFormat(sharedData('eurofxref-hist.zip'))).toBe('ecb');
    expect(await detectFormat(sharedData('frb_h10_daily.csv'))).toBe('h10');
    expect(await detectFormat(sharedData('fred_daily_wide_1971-2017.csv.gz'))).toBe('fred-wide');
    expect(await detectFormat(sharedData('histdata_m1_2017/HISTDATA_COM_ASCII_USDCHF_M1_2017.zip'))).toBe('histdata');
  });

  it('an unknown layout lists every format tried and why it was rejected', async () => {
    const f = put(p('what.csv'), 'hello,world\n1,2\n');
    const e = await inputError(detectFormat(f), { message: /^.*what\.csv: unknown format; tried ecb: .*; h10: .*; fred-wide: .*; histdata: .*; mt4: .*; mt5: .*; csv-long: .*; csv-wide: / });
    for (const name of FORMAT_NAMES) expect(e.message).toContain(`${name}: `);
    expect(e.text).toBe('hello,world');
    expect(e.message).toContain('no time column');
    await inputError(readDataset(f), { message: /unknown format; tried/, file: f });
  });

  it('empty and whitespace-only files', async () => {
    await inputError(detectFormat(put(p('empty.csv'), '')), { message: /empty file/ });
    await inputError(readDataset(put(p('ws.csv'), ' \n\t\n\n')), { message: /empty file/, file: p('ws.csv') });
  });
});

describe('readDataset', () => {
  it('every format has a source label', () => {
    expect(FORMAT_NAMES.map((f) => FORMAT_SOURCE[f])).toEqual(['ECB', 'FRB H.10', 'FRED', 'HistData', 'MT4', 'MT5', 'CSV', 'CSV']);
  });

  it('refuses no files, an unknown format option, a missing path, a directory', async () => {
    await inputError(readDataset([]), { message: /no input files/ });
    await inputError(readDataset(p('x.csv'), { format: 'xls' as never }), { message: /unknown format; known: ecb, h10/, field: 'format', text: 'xls' });
    await inputError(readDataset(p('missing.csv')), { message: /cannot read: ENOENT/, file: p('missing.csv') });
    await inputError(readDataset(p('')), { message: /cannot read: EISDIR/ });
  });

  it('a forced format reads without sniffing and fails on the first line that does not fit', async () => {
    const f = put(p('DAT_ASCII_EURUSD_M1_x.csv'), `${HD('0200')}\n`);
    await inputError(readEcb(f), { message: /ECB header must be Date/, line: 1 });
    expect((await readDataset(f, { format: 'histdata' })).format).toBe('histdata');
  });

  it('merges one symbol across files: overlap dropped, order restored, with a note', async () => {
    const a = put(p('DAT_ASCII_EURUSD_M1_a.csv'), [HD('0200'), HD('0201'), HD('0202')].join('\n'));
    const b = put(p('DAT_ASCII_EURUSD_M1_b.csv'), [HD('0202'), HD('0203')].join('\n'));
    const ds = await readDataset([b, a]);
    expect(ds.files).toEqual([b, a]);
    expect(ds.series).toHaveLength(1);
    expect(ds.series[0]!.time.length).toBe(4);
    expect(ds.notes.join('\n')).toMatch(/EUR\/USD: merged 2 files \(sorted, dropped 1 rows present in more than one file\)/);
  });

  it('a conflict across files names the other file and line', async () => {
    const a = put(p('DAT_ASCII_EURUSD_M1_c.csv'), [HD('0200'), HD('0201')].join('\n'));
    const b = put(p('DAT_ASCII_EURUSD_M1_d.csv'), HD('0201', '1.051800'));
    await inputError(readDataset([a, b]), { message: new RegExp(`duplicate time 2017-01-02T07:01Z with different values \\(also ${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 2\\)`), file: b, line: 1 });
  });

  it('mixed formats and mixed frequencies are refused', async () => {
    const hd = put(p('DAT_ASCII_EURUSD_M1_e.csv'), HD('0200'));
    const ecb = put(p('ecb2.csv'), 'Date,USD\n2017-01-03,1.0385\n');
    await inputError(readDataset([hd, ecb]), { message: /mixed formats: .* is histdata, this file is ecb/, file: ecb });
    const daily = put(p('daily.csv'), 'time,EURUSD\n2017-01-02,1\n');
    const intra = put(p('intra.csv'), 'time,EURUSD\n2017-01-02 10:00,1\n');
    await inputError(readDataset([daily, intra]), { message: /mixed frequencies/ });
  });

  it('broken containers are clear errors', async () => {
    const good = gz('Date,USD\n2017-01-03,1.0385\n');
    await inputError(readDataset(put(p('trunc.csv.gz'), good.subarray(0, good.length - 12))), { message: /cannot read: /, file: p('trunc.csv.gz') });
    const z = zip([{ name: 'a.csv', text: 'Date,USD\n2017-01-03,1.0385\n' }]);
    await inputError(readDataset(put(p('trunc.zip'), z.subarray(0, z.length - 30))), { message: /not a readable zip/ });
    await inputError(readDataset(put(p('none.zip'), zip([{ name: 'a.json', text: '{}' }, { name: 'dir/', text: '' }]))), { message: /zip has no \.csv member \(members: a\.json\)/ });
  });

  it('a binary file without newlines fails fast instead of growing one huge line', async () => {
    const f = put(p('blob.bin'), Buffer.alloc(3 << 20, 0x41));
    await inputError(readDataset(f), { message: /line 1: longer than 1048576 characters \(maxLineLength\); not a text file\?/, file: f, line: 1 });
  });

  it('a stored (uncompressed) zip member and the first of several CSV members', async () => {
    const z = zip([
      { name: '__MACOSX/._a.csv', text: 'junk' },
      { name: 'a.csv', text: 'Date,USD\n2017-01-03,1.0385\n', store: true },
      { name: 'b.csv', text: 'Date,USD\n2017-01-04,1.0400\n' },
    ]);
    const ds = await readDataset(put(p('two.zip'), z));
    expect(ds.series[0]!.time[0]).toBe(Date.UTC(2017, 0, 3));
  });

  it('the whole ECB file in well under a second (time reported, not asserted)', async () => {
    const t0 = performance.now();
    const ds = await readDataset(sharedData('eurofxref-hist.zip'));
    console.log(`readDataset eurofxref-hist.zip: ${ds.series.length} series in ${(performance.now() - t0).toFixed(0)} ms`);
    expect(ds.series.length).toBe(JSON.parse(readFileSync(new URL('../fixtures/readers.json', import.meta.url), 'utf8')).ecb.symbols.length);
  });

  it('errors are InputError with the location in the message', async () => {
    const f = put(p('loc.csv'), 'Date,USD\n2017-01-03,1.2x\n');
    const e = await readDataset(f).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toBe(`${f}, line 2, field USD: not a number: "1.2x"`);
  });
});
