import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import { sharedData } from '../../../test/helpers/sharedData.js';
import { amountArgs } from '../src/amountArgs.js';

const ecb = sharedData('eurofxref-hist.zip');

describe('negative position sizes on the command line', () => {
  it('joins a negative amount to the pair before it, in var and exposure only', () => {
    expect(amountArgs(['var', 'EUR/USD', '100k', 'USD/JPY', '-50k', '--format', 'json'])).toEqual(['var', 'EUR/USD', '100k', 'USD/JPY=-50k', '--format', 'json']);
    expect(amountArgs(['exposure', 'USD/CHF', '-1.5m', 'EUR/USD', '-2_000'])).toEqual(['exposure', 'USD/CHF=-1.5m', 'EUR/USD=-2_000']);
    expect(amountArgs(['var', '-50k'])).toEqual(['var', '-50k']);
    expect(amountArgs(['var', '--horizon', '-5'])).toEqual(['var', '--horizon', '-5']);
    expect(amountArgs(['perf', 'USD/JPY', '-50k'])).toEqual(['perf', 'USD/JPY', '-50k']);
  });
  it('soukan var … USD/JPY -50k is the portfolio short 50,000 USD/JPY, the same as USD/JPY=-50000', async () => {
    const a = await runCli(['var', 'EUR/USD', '100k', 'USD/JPY', '-50k', '--data', ecb, '--end', '2019-12-31', '--format', 'json']);
    expect(a.code, a.stderr).toBe(0);
    const b = await runCli(['var', 'EUR/USD', '100000', 'USD/JPY=-50000', '--data', ecb, '--end', '2019-12-31', '--format', 'json']);
    expect(b.code, b.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toEqual(JSON.parse(b.stdout));
    expect(JSON.parse(a.stdout).positions.map((p: { amount: number }) => p.amount)).toEqual([100000, -50000]);
    const e = await runCli(['exposure', 'EUR/USD', '100k', 'USD/JPY', '-50k', '--data', ecb, '--end', '2019-12-31', '--format', 'json']);
    expect(e.code, e.stderr).toBe(0);
    expect(JSON.parse(e.stdout).positions[1]).toMatchObject({ symbol: 'USD/JPY', amount: -50000 });
  });
});
