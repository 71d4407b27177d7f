import { describe, expect, it } from 'vitest';
import { UNIVERSES } from '@soukan/core';
import { runCli } from '../../../test/helpers/cli.js';
import { sharedData } from '../../../test/helpers/sharedData.js';

const ecb = sharedData('eurofxref-hist.zip');

/** A refusal: exit 2, one line on stderr matching `message`, no stack trace. */
async function refused(args: string[], message: RegExp): Promise<void> {
  const r = await runCli(args);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
}

describe('instruments beyond FX and the universe presets on the command line', () => {
  it("OANDA's groups read from the ECB file: usd-majors, crosses and exotics in their listed order", async () => {
    for (const name of ['usd-majors', 'crosses', 'exotics']) {
      const r = await runCli(['corr', '--universe', name, '--data', ecb, '--window', '60', '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { symbols: string[] }).symbols, name).toEqual(UNIVERSES[name]);
    }
  });
  it('a text that is no instrument is refused naming it', () =>
    refused(['corr', 'SPX500USD', 'EUR/USD', '--data', ecb], /"SPX500USD" is not a pair/));
  it('an index the data lacks is refused naming what the data has', () =>
    refused(['corr', 'SPX500_USD', 'EUR/USD', '--data', ecb], /unknown symbol SPX500\/USD: the ECB data has no SPX500/));
  it('metals on data without metals say so', () => refused(['corr', '--universe', 'metals', '--data', ecb], /ECB data has 0 pair\(s\) of the metals universe/));
  it('an unknown universe lists the presets', () =>
    refused(['corr', '--universe', 'minors', '--data', ecb], /--universe: expected one of majors, jpy-crosses, usd-pairs, usd-majors, crosses, exotics, metals, got "minors"/));
});
