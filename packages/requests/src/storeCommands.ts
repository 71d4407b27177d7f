import type { Example } from './spec/request.js';

// The store commands that are not requests of the API (they write the store
// or ask at the terminal) still show worked examples in --help, declared here
// beside the requests' own.

/**
 * Worked examples of `soukan import`.
 *
 * @example importExamples[0]!.cli // 'soukan import HISTDATA_COM_ASCII_*_M1_2017.zip'
 */
export const importExamples: readonly Example[] = [
  { cli: 'soukan import HISTDATA_COM_ASCII_*_M1_2017.zip', what: { en: 'a year of HistData minute bars, one transaction, with a progress bar', ja: 'HistData の 1 年分の 1 分足（1 トランザクション、進捗表示）' } },
  { cli: 'soukan import ecb', what: { en: 'download the ECB history (or refresh it)', ja: 'ECB の全履歴をダウンロード（または更新）' } },
  { cli: 'soukan import broker.csv --source MyBroker --tz Europe/London', what: { en: 'a CSV export under its own source name, its times read as London time', ja: '独自のソース名で CSV を取り込み（時刻はロンドン時間）' } },
];

/**
 * Worked examples of `soukan remove`.
 *
 * @example removeExamples[0]!.cli // 'soukan remove USD/CAD --source HistData'
 */
export const removeExamples: readonly Example[] = [
  { cli: 'soukan remove USD/CAD --source HistData', what: { en: 'delete the HistData USD/CAD series (asks first)', ja: 'HistData の USD/CAD を削除（確認あり）' } },
  { cli: 'soukan remove EUR/USD --yes', what: { en: 'delete EUR/USD from every source without asking', ja: 'すべてのソースの EUR/USD を確認なしで削除' } },
];
