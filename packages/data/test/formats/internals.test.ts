import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tzOffset, zonedToUtc } from '@soukan/core';
import { WallClock } from '../../src/formats/clock.js';
import { DecimalScanner, Fields, parseDecimal, splitLine } from '../../src/formats/fields.js';
import { pumpLines, type Input } from '../../src/formats/input.js';
import { settle, Table } from '../../src/formats/table.js';
import { compileTimeFormat, guessTimeFormat, type TimeFormat, type TimeOut } from '../../src/formats/timeFormat.js';
import { InputError } from '../../src/errors.js';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

describe('parseDecimal', () => {
  it('equals Number() on every plain decimal (property; Number is correctly rounded)', () => {
    const digits = fc.stringMatching(/^\d{1,20}$/);
    const text = fc
      .tuple(fc.constantFrom('', '-', '+'), digits, fc.option(fc.stringMatching(/^\d{0,20}$/)), fc.option(fc.integer({ min: -30, max: 30 })))
      .map(([sign, int, frac, exp]) => `${sign}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `e${exp}`}`);
    fc.assert(
      fc.property(text, (t) => {
        expect(Object.is(parseDecimal(t, 0, t.length), Number(t))).toBe(true);
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const t = String(x);
        if (DECIMAL.test(t)) expect(parseDecimal(t, 0, t.length)).toBe(Number(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('is NaN for anything that is not a plain decimal', () => {
    for (const t of ['', '1.2x', '0x10', 'Infinity', 'NaN', '1e', '--1', '.', '-', '1.2.3', ' 1', '1,5', '١']) {
      expect(parseDecimal(t, 0, t.length), JSON.stringify(t)).toBeNaN();
    }
  });

  it('parses a slice of a longer string', () => {
    expect(parseDecimal('x;1.051550;y', 2, 10)).toBe(1.05155);
  });
});

describe('DecimalScanner', () => {
  it('agrees with parseDecimal up to the delimiter and stops there', () => {
    const s = new DecimalScanner();
    const line = '1.051550;117.250;-0.5;12;1.2x;';
    expect(s.next(line, 0, line.length, 59)).toBe(1.05155);
    expect(line[s.end]).toBe(';');
    expect(s.next(line, s.end + 1, line.length, 59)).toBe(117.25);
    expect(s.next(line, s.end + 1, line.length, 59)).toBe(-0.5);
    expect(s.next(line, s.end + 1, line.length, 59)).toBe(12);
    expect(s.next(line, s.end + 1, line.length, 59)).toBeNaN();
    expect(s.next('1234567890.1234567', 0, 18, 59)).toBeNaN(); // > 15 significant digits: caller's slow path
  });
});

describe('Fields.split', () => {
  it('splits, trims spaces, handles quotes and escaped quotes', () => {
    expect(splitLine('a, b ,"c,d","e""f",', ',')).toEqual(['a', 'b', 'c,d', 'e"f', '']);
    expect(splitLine(' a\t b ', '\t')).toEqual([' a', ' b ']);
    expect(splitLine('', ',')).toEqual(['']);
  });

  it('reports broken quoting', () => {
    const f = new Fields();
    expect(f.split('"abc', 0, 4, ',')).toBe(-1);
    expect(f.problem).toBe('unterminated quoted field');
    expect(f.split('"a"b,c', 0, 6, ',')).toBe(-1);
    expect(f.problem).toBe('text after a closing quote');
    expect(new Fields(2).split('a,b,c', 0, 5, ',')).toBe(-1);
  });
});

describe('time formats', () => {
  const out: TimeOut = { ms: 0, absolute: false, timed: false };
  const parse = (f: TimeFormat, t: string): number | null => (f.parse(t, 0, t.length, out) ? out.ms : null);

  it('guesses the unambiguous layouts', () => {
    const g = (t: string): string => {
      const r = guessTimeFormat(t);
      return typeof r === 'string' ? r : r.name;
    };
    expect(g('2017-01-02')).toBe('ISO');
    expect(g('2017-01-02 17:00')).toBe('ISO');
    expect(g('2017.01.02 17:00')).toBe('YYYY.MM.DD[ HH:mm[:ss]]');
    expect(g('2017/01/02')).toBe('YYYY/MM/DD[ HH:mm[:ss]]');
    expect(g('20170102 170000')).toBe('YYYYMMDD[ HHmmss]');
    expect(g('20170102 17:00')).toBe('YYYYMMDD[ HH:mm[:ss]]');
    expect(g('1483376400')).toBe('epoch-s');
    expect(g('1483376400000')).toBe('epoch-ms');
    expect(g('02/01/2017')).toMatch(/ambiguous day\/month order/);
    expect(g('Jan 2, 2017')).toMatch(/unrecognised time; pass dateFormat/);
    expect(g('2017-13-45')).toMatch(/not a valid time for ISO/);
  });

  it('ISO: T or space, seconds, fractions, Z and offsets', () => {
    const f = compileTimeFormat('ISO');
    expect(parse(f, '2017-01-02')).toBe(Date.UTC(2017, 0, 2));
    expect(parse(f, '2017-01-02T17:05')).toBe(Date.UTC(2017, 0, 2, 17, 5));
    expect(parse(f, '2017-01-02 17:05:07.5')).toBe(Date.UTC(2017, 0, 2, 17, 5, 7, 500));
    expect(out.absolute).toBe(false);
    expect(parse(f, '2017-01-02T17:05Z')).toBe(Date.UTC(2017, 0, 2, 17, 5));
    expect(out.absolute).toBe(true);
    expect(parse(f, '2017-01-02T17:05:00-05:00')).toBe(Date.UTC(2017, 0, 2, 22, 5));
    expect(parse(f, '2017-01-02T17:05:00+0530')).toBe(Date.UTC(2017, 0, 2, 11, 35));
    expect(parse(f, '2017-01-02T17:05:00+09')).toBe(Date.UTC(2017, 0, 2, 8, 5));
    for (const bad of ['2017-02-29', '2017-01-02T24:00', '2017-01-02T17:60', '2017-01-02x', '17-01-02', '2017-01-02T17:05+25:00']) expect(parse(f, bad), bad).toBeNull();
  });

  it('patterns with optional parts and one- or two-digit fields', () => {
    expect(parse(compileTimeFormat('M/D/YYYY[ H:mm]'), '1/2/2017 7:05')).toBe(Date.UTC(2017, 0, 2, 7, 5));
    expect(parse(compileTimeFormat('M/D/YYYY[ H:mm]'), '12/31/2016')).toBe(Date.UTC(2016, 11, 31));
    expect(parse(compileTimeFormat('DD/MM/YYYY'), '31/12/2016')).toBe(Date.UTC(2016, 11, 31));
    expect(parse(compileTimeFormat('DD/MM/YYYY'), '12/31/2016')).toBeNull();
    expect(parse(compileTimeFormat('epoch-ms'), '1483376400000')).toBe(1483376400000);
    expect(parse(compileTimeFormat('epoch-s'), '1483376400.5')).toBe(1483376400500);
  });

  it('refuses patterns it cannot compile', () => {
    for (const bad of ['YYYY-MM', 'HH:mm', 'YYYY-MM-DD[', 'YYYY-MM-DD]', 'YYYY-MM-DD Q']) expect(() => compileTimeFormat(bad), bad).toThrow(InputError);
  });
});

describe('settle', () => {
  /** Obviously-correct reference: stable sort of (time, index), then drop equal rows / detect conflicts. */
  function slow(times: number[], values: number[]): { times: number[]; values: number[]; conflict: boolean } {
    const idx = times.map((_, i) => i).sort((a, b) => times[a]! - times[b]! || a - b);
    const t: number[] = [];
    const v: number[] = [];
    for (const i of idx) {
      if (t.length && t[t.length - 1] === times[i]) {
        if (v[v.length - 1] !== values[i]) return { times: [], values: [], conflict: true };
        continue;
      }
      t.push(times[i]!);
      v.push(values[i]!);
    }
    return { times: t, values: v, conflict: false };
  }

  it('matches the slow version on random input (sorted, unsorted, duplicates, conflicts)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 3 })), { maxLength: 60 }), fc.boolean(), (rows, descending) => {
        const t = new Table(1, 1);
        rows.forEach(([time, v], i) => {
          const k = t.add(time, i + 1, 0);
          t.cols[0]![k] = v;
        });
        const want = slow(
          rows.map((r) => r[0]),
          rows.map((r) => r[1]),
        );
        let got: ReturnType<typeof settle> | undefined;
        try {
          got = settle(t, ['f'], descending);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expect(want.conflict).toBe(true);
          return;
        }
        expect(want.conflict).toBe(false);
        expect([...got.table.time.subarray(0, got.table.n)]).toEqual(want.times);
        expect([...got.table.cols[0]!.subarray(0, got.table.n)]).toEqual(want.values);
        expect(got.duplicates).toBe(rows.length - want.times.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('treats a strictly descending file as expected when told so', () => {
    const t = new Table(1, 4);
    [3, 2, 1].forEach((x, i) => (t.cols[0]![t.add(x, i + 1, 0)] = x));
    expect(settle(t, ['f'], true)).toMatchObject({ outOfOrder: 0, duplicates: 0 });
    expect(settle(t, ['f'], false).outOfOrder).toBe(2);
  });
});

describe('WallClock', () => {
  const zones = ['America/New_York', 'Europe/London', 'Europe/Athens', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Kolkata', 'UTC'];

  it('agrees with zonedToUtc (and flags DST-gap times) in ascending and random order', () => {
    for (const tz of zones) {
      const start = Date.UTC(2016, 11, 25);
      const asc: number[] = [];
      // Every 31 minutes walks through each quarter-hour phase and every DST change of 2017.
      for (let t = start; t < Date.UTC(2018, 0, 5); t += 31 * 60_000) asc.push(t);
      const random = fc.sample(fc.integer({ min: start / 60_000, max: Date.UTC(2018, 0, 5) / 60_000 }), 1000).map((m) => m * 60_000);
      for (const order of [asc, random]) {
        const clock = new WallClock(tz);
        for (const local of order) {
          const u = zonedToUtc(local, tz);
          const exists = u + tzOffset(u, tz) === local;
          const got = clock.toUtc(local);
          if (exists) expect(got, `${tz} ${new Date(local).toISOString()}`).toBe(u);
          else expect(got, `${tz} ${new Date(local).toISOString()} is in a gap`).toBeNaN();
        }
      }
    }
  });

  it('refuses an unknown zone', () => {
    expect(() => new WallClock('Nowhere/Land')).toThrow(/unknown time zone/);
  });
});

describe('pumpLines', () => {
  const input = (chunks: (string | Buffer)[]): Input => ({ name: 'mem', names: [], stages: () => [Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)))], close: () => {} });
  const lines = async (chunks: (string | Buffer)[]): Promise<[number, string][]> => {
    const out: [number, string][] = [];
    await pumpLines(input(chunks), (s, a, b, n) => void out.push([n, s.slice(a, b)]));
    return out;
  };

  it('joins lines and CRLF split across chunks, multi-byte characters too, BOM dropped', async () => {
    const yen = Buffer.from('¥');
    expect(
      await lines([Buffer.from([0xef, 0xbb, 0xbf]), 'a,b\r', '\nc', Buffer.concat([Buffer.from(','), yen.subarray(0, 1)]), Buffer.concat([yen.subarray(1), Buffer.from('\n\nlast')])]),
    ).toEqual([
      [1, 'a,b'],
      [2, 'c,¥'],
      [3, ''],
      [4, 'last'],
    ]);
  });

  it('stops when the sink says so, and wraps stream failures as InputError', async () => {
    const out: string[] = [];
    await pumpLines(input(['1\n2\n3\n']), (s, a, b) => out.push(s.slice(a, b)) < 2);
    expect(out).toEqual(['1', '2']);
    const failing: Input = {
      name: 'bad',
      names: [],
      stages: () => [
        new Readable({
          read() {
            this.destroy(new Error('disk on fire'));
          },
        }),
      ],
      close: () => {},
    };
    await expect(pumpLines(failing, () => {})).rejects.toThrow(/bad: cannot read: disk on fire/);
  });

  it('refuses UTF-16BE', async () => {
    await expect(lines([Buffer.from([0xfe, 0xff, 0, 0x41])])).rejects.toThrow(/UTF-16BE/);
  });
});
