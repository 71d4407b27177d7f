import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRiskFreeRates, readRiskFreeFile } from '@soukan/data';

const dir = mkdtempSync(join(tmpdir(), 'soukan-rf-'));

describe('risk-free rates (date,rate files such as FRED DTB3)', () => {
  it('percent or decimal, FRED missing values skipped, header allowed', () => {
    const r = parseRiskFreeRates('observation_date,DTB3\n2015-01-02,1.5\n2015-01-05,.\n2015-01-06,1.25\n', 'dtb3.csv');
    expect(Array.from(r.time)).toEqual([Date.UTC(2015, 0, 2), Date.UTC(2015, 0, 6)]);
    expect(Array.from(r.rate)).toEqual([0.015, 0.0125]);
    expect(r.label).toBe('risk-free series dtb3.csv');
    expect(parseRiskFreeRates('2015-01-02;0.015\n', 'x', 'decimal').rate[0]).toBe(0.015);
    const file = join(dir, 'rf.csv');
    writeFileSync(file, 'date,rate\n2015-01-02,1.5\n');
    expect(readRiskFreeFile(file).rate[0]).toBe(0.015);
  });
  it('bad rows name file, line and field', () => {
    expect(() => parseRiskFreeRates('date,rate\n2015-01-02,1.5\n2015-01-05,1.5x\n', 'bad.csv')).toThrow('bad.csv, line 3, field 2: not a number: "1.5x"');
    expect(() => parseRiskFreeRates('2015-01-05,1\n2015-01-02,1\n', 'b.csv')).toThrow(/^b\.csv, line 2: dates must increase/);
    expect(() => parseRiskFreeRates('2015-02-30,1\n', 'd.csv')).toThrow(/^d\.csv, line 1, field 1: not a date/);
    expect(() => parseRiskFreeRates('date,rate\n', 'e.csv')).toThrow(/^e\.csv: no rates in the file/);
    expect(() => readRiskFreeFile(join(dir, 'none.csv'))).toThrow(/^field --rf-file: no such file: /);
  });
});
