import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetClass, canonicalSymbol, findRoute, invert, marketPair, parseSymbol, pipSize, universe, UNIVERSES } from '@soukan/core';
import { repoRoot } from '../../../../test/helpers/sharedData.js';

describe('parseSymbol', () => {
  it.each(['EUR/USD', 'EURUSD', 'eur_usd', 'eur-usd', 'EUR.USD', ' eur usd '])('reads %j as EUR/USD', (s) => {
    expect(parseSymbol(s)).toEqual({ base: 'EUR', quote: 'USD', symbol: 'EUR/USD' });
  });
  it.each(['', 'EUR', 'EURUS', 'EUR/US', 'EURUSDX', 'EUR/USD/JPY', '123456', 'EUR/EUR'])('rejects %j with the text in the message', (s) => {
    expect(() => parseSymbol(s)).toThrow(/not a currency pair/);
  });
  it.each([
    ['spx500_usd', 'SPX500/USD'],
    ['BTC/USD', 'BTC/USD'],
    ['xau-jpy', 'XAU/JPY'],
    ['MyFund/JPY', 'MYFUND/JPY'],
  ])('reads %j as %s (indices, crypto, metals and user series need a separator)', (text, symbol) => expect(parseSymbol(text).symbol).toBe(symbol));
  it.each(['SPX500USD', 'S/USD', '5PX/USD', 'SPX500/US', 'ABCDEFGHIJKLM/USD', 'SPX500/SPX500'])('rejects %j, naming it', (s) => {
    expect(() => parseSymbol(s)).toThrow(new RegExp(`not a currency pair: ${JSON.stringify(s).replace(/[/]/g, '\\/')}`));
  });
  it('inverts exactly', () => {
    expect(invert(parseSymbol('USD/JPY')).symbol).toBe('JPY/USD');
    expect(canonicalSymbol('usdjpy')).toBe('USD/JPY');
  });
});

describe('pipSize', () => {
  it('is 0.01 for JPY and HUF quotes, 0.0001 otherwise, metals by table', () => {
    expect(pipSize('USD/JPY')).toBe(0.01);
    expect(pipSize('ZAR/JPY')).toBe(0.01);
    expect(pipSize('EUR/HUF')).toBe(0.01);
    expect(pipSize('EUR/USD')).toBe(0.0001);
    expect(pipSize('JPY/USD')).toBe(0.0001);
    expect(pipSize('USD/KRW')).toBe(1);
    expect(pipSize('XAU/USD')).toBe(0.01);
  });
  // The documented table (docs/instruments.md: OANDA's pipLocation per instrument, then soukan's own choices).
  const doc = readFileSync(join(repoRoot, 'docs/instruments.md'), 'utf8');
  const oanda = [...doc.matchAll(/^\| ([A-Z0-9]+\/[A-Z]{3}) \| ([A-Z0-9]+_[A-Z]{3}) \| (-?\d) \| ([\d.]+) \|$/gm)];
  it('the documented table of OANDA pip locations has metals, indices and FX rows', () => {
    expect(oanda.length).toBeGreaterThanOrEqual(20);
    expect(oanda.map((m) => assetClass(parseSymbol(m[1]!).base))).toEqual(expect.arrayContaining(['currency', 'metal', 'index']));
  });
  it.each(oanda.map((m) => [m[1]!, m[2]!, Number(m[3]), Number(m[4])] as const))('%s (OANDA %s, pipLocation %d) has pip %d', (symbol, name, location, pip) => {
    expect(Number(`1e${location}`)).toBe(pip);
    expect(pipSize(symbol)).toBe(pip);
    expect(pipSize(name)).toBe(pip);
  });
  it("soukan's own choices: crypto one unit of the quote, a user's series the quote's pip", () => {
    expect(doc).toMatch(/^\| BTC\/USD, ETH\/USD \| 1 \|/m);
    expect(pipSize('BTC/USD')).toBe(1);
    expect(pipSize('ETH_USD')).toBe(1);
    expect(pipSize('MYFUND/JPY')).toBe(0.01);
    expect(pipSize('MYFUND/USD')).toBe(0.0001);
  });
});

describe('assetClass', () => {
  it('names metals, indices and crypto by table; three letters are a currency, anything else a series', () => {
    expect(['XAU', 'XAG', 'XPT', 'XPD'].map(assetClass)).toEqual(['metal', 'metal', 'metal', 'metal']);
    expect(['SPX500', 'NAS100', 'JP225', 'DE40'].map(assetClass)).toEqual(['index', 'index', 'index', 'index']);
    expect(['BTC', 'ETH'].map(assetClass)).toEqual(['crypto', 'crypto']);
    expect(['USD', 'ZAR', 'MYFUND'].map(assetClass)).toEqual(['currency', 'currency', 'series']);
  });
  it('non-currencies are quoted in currencies, metals in their listed order', () => {
    expect(marketPair('USD', 'SPX500').symbol).toBe('SPX500/USD');
    expect(marketPair('JPY', 'BTC').symbol).toBe('BTC/JPY');
    expect(marketPair('EUR', 'XAU').symbol).toBe('XAU/EUR');
    expect(marketPair('XAG', 'XAU').symbol).toBe('XAU/XAG');
  });
});

describe('marketPair and universes', () => {
  it('quotes pairs the way the market does', () => {
    expect(marketPair('JPY', 'USD').symbol).toBe('USD/JPY');
    expect(marketPair('USD', 'EUR').symbol).toBe('EUR/USD');
    expect(marketPair('NZD', 'AUD').symbol).toBe('AUD/NZD');
    expect(marketPair('CHF', 'CAD').symbol).toBe('CAD/CHF');
    expect(marketPair('JPY', 'ZAR').symbol).toBe('ZAR/JPY');
    expect(marketPair('ZAR', 'USD').symbol).toBe('USD/ZAR');
  });
  it('majors is exactly the 28 pairs of the eight majors', () => {
    const m = universe('majors');
    expect(m).toHaveLength(28);
    expect(new Set(m).size).toBe(28);
    for (const s of ['EUR/USD', 'USD/JPY', 'GBP/JPY', 'AUD/NZD', 'CAD/CHF', 'CHF/JPY', 'EUR/GBP']) expect(m).toContain(s);
    expect(m).not.toContain('JPY/USD');
  });
  it("OANDA's groups: usd-majors, crosses, exotics, metals", () => {
    expect(universe('usd-majors')).toEqual(['EUR/USD', 'GBP/USD', 'AUD/USD', 'NZD/USD', 'USD/CAD', 'USD/CHF', 'USD/JPY']);
    const crosses = universe('crosses');
    expect(crosses).toHaveLength(21);
    expect(crosses.filter((s) => s.includes('USD'))).toEqual([]);
    expect(new Set([...crosses, ...universe('usd-majors')])).toEqual(new Set(universe('majors')));
    expect(universe('exotics').every((s) => /^(USD|EUR)\/(SEK|NOK|DKK|PLN|HUF|CZK|TRY|ZAR|MXN|SGD|HKD|THB)$/.test(s))).toBe(true);
    expect(universe('metals').every((s) => assetClass(parseSymbol(s).base) === 'metal')).toBe(true);
    expect(universe('METALS')).toBe(universe('metals'));
  });
  it('names the known universes when asked for an unknown one', () => {
    expect(() => universe('minors')).toThrow(/majors, jpy-crosses, usd-pairs/);
    expect(UNIVERSES['jpy-crosses']).toContain('ZAR/JPY');
    expect(UNIVERSES['usd-pairs']).toContain('USD/ZAR');
  });
});

describe('findRoute', () => {
  const ecb = ['EUR/USD', 'EUR/JPY', 'EUR/ZAR', 'EUR/CHF'];
  it('uses a quoted pair directly or inverted', () => {
    expect(findRoute('EUR/USD', ecb)?.legs).toEqual([{ symbol: 'EUR/USD', invert: false }]);
    expect(findRoute('USD/EUR', ecb)?.legs).toEqual([{ symbol: 'EUR/USD', invert: true }]);
  });
  it('crosses through the common currency (ECB: EUR)', () => {
    const r = findRoute('ZAR/JPY', ecb);
    expect(r?.via).toBe('EUR');
    expect(r?.legs).toEqual([
      { symbol: 'EUR/ZAR', invert: true },
      { symbol: 'EUR/JPY', invert: false },
    ]);
  });
  it('crosses through USD for H.10-style data', () => {
    const h10 = ['EUR/USD', 'AUD/USD', 'NZD/USD', 'USD/JPY'];
    expect(findRoute('EUR/JPY', h10)?.legs).toEqual([
      { symbol: 'EUR/USD', invert: false },
      { symbol: 'USD/JPY', invert: false },
    ]);
    expect(findRoute('AUD/NZD', h10)?.legs).toEqual([
      { symbol: 'AUD/USD', invert: false },
      { symbol: 'NZD/USD', invert: true },
    ]);
  });
  it('returns null when no exact route exists', () => {
    expect(findRoute('GBP/JPY', ecb)).toBeNull();
    expect(findRoute('EUR/USD', [])).toBeNull();
  });
});
