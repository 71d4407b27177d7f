import { describe, expect, it } from 'vitest';
import { canonicalSymbol, findRoute, invert, marketPair, parseSymbol, pipSize, universe, UNIVERSES } from '@soukan/core';

describe('parseSymbol', () => {
  it.each(['EUR/USD', 'EURUSD', 'eur_usd', 'eur-usd', 'EUR.USD', ' eur usd '])('reads %j as EUR/USD', (s) => {
    expect(parseSymbol(s)).toEqual({ base: 'EUR', quote: 'USD', symbol: 'EUR/USD' });
  });
  it.each(['', 'EUR', 'EURUS', 'EUR/US', 'EURUSDX', 'EUR/USD/JPY', '123456', 'EUR/EUR'])('rejects %j with the text in the message', (s) => {
    expect(() => parseSymbol(s)).toThrow(/not a currency pair/);
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
    expect(pipSize('XAG/USD')).toBe(0.001);
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
