/** What an instrument code names: a currency, a precious metal, a stock index, a cryptocurrency, or a user's own series. */
export type AssetClass = 'currency' | 'metal' | 'index' | 'crypto' | 'series';

/**
 * The codes soukan knows beyond currencies, by class — the one table. Metals
 * are ISO 4217 codes; indices and crypto use the names OANDA's platform
 * spells (`SPX500_USD`, `BTC_USD`), so its users type what they see there.
 */
export const ASSET_CLASS_BY_CODE: Readonly<Record<string, Exclude<AssetClass, 'currency' | 'series'>>> = {
  XAU: 'metal',
  XAG: 'metal',
  XPT: 'metal',
  XPD: 'metal',
  SPX500: 'index',
  NAS100: 'index',
  US30: 'index',
  US2000: 'index',
  UK100: 'index',
  DE30: 'index',
  DE40: 'index',
  FR40: 'index',
  EU50: 'index',
  JP225: 'index',
  AU200: 'index',
  HK33: 'index',
  CN50: 'index',
  BTC: 'crypto',
  ETH: 'crypto',
  LTC: 'crypto',
  BCH: 'crypto',
};

/**
 * The class of an instrument code: from {@link ASSET_CLASS_BY_CODE}, else a
 * three-letter code is a currency and anything else a user's own series.
 *
 * @example assetClass('XAU') // 'metal'
 * @example assetClass('SPX500') // 'index'
 * @example assetClass('ZAR') // 'currency'
 * @example assetClass('MYFUND') // 'series'
 */
export function assetClass(code: string): AssetClass {
  return ASSET_CLASS_BY_CODE[code] ?? (/^[A-Z]{3}$/.test(code) ? 'currency' : 'series');
}
