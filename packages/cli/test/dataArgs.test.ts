import { describe, expect, it } from 'vitest';
import { dataArgs } from '../src/dataArgs.js';

const exists = (p: string): boolean => p === 'prices';

describe('dataArgs', () => {
  it('leaves one file and the symbols after it', () => {
    expect(dataArgs(['corr', '--data', 'h10.csv', 'EUR/JPY', 'AUD/NZD'], exists)).toEqual(['corr', '--data', 'h10.csv', 'EUR/JPY', 'AUD/NZD']);
  });
  it('turns a shell-expanded list into one --data per file, up to the first other word or option', () => {
    expect(dataArgs(['corr', '--data', 'a.zip', 'b.ZIP', 'c.csv.gz', 'prices', 'EUR/USD', '--timeframe', 'H4'], exists)).toEqual([
      'corr', '--data', 'a.zip', '--data', 'b.ZIP', '--data', 'c.csv.gz', '--data', 'prices', 'EUR/USD', '--timeframe', 'H4',
    ]);
    expect(dataArgs(['corr', '--data=a.csv', 'b.csv', '--window', '5'], exists)).toEqual(['corr', '--data=a.csv', '--data', 'b.csv', '--window', '5']);
  });
  it('the first word after --data is always the file, and nothing after -- is touched', () => {
    expect(dataArgs(['vol', '--data', 'EURUSD', 'x.csv'], exists)).toEqual(['vol', '--data', 'EURUSD', '--data', 'x.csv']);
    expect(dataArgs(['corr', '--', '--data', 'a.csv', 'b.csv'], exists)).toEqual(['corr', '--', '--data', 'a.csv', 'b.csv']);
  });
});
