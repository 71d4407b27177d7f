// Every analytics command the equality suite runs, over the ECB history and
// the eight 2017 HistData zips, with the JSON each prints.

/** One command line (after `soukan`, before `--store … --format json`). */
export interface SuiteCommand {
  name: string;
  args: string[];
}

const HD = ['--source', 'HistData'];
const MAJORS8 = ['EUR/USD', 'USD/JPY', 'GBP/USD', 'AUD/USD', 'NZD/USD', 'USD/CAD', 'USD/CHF', 'EUR/JPY'];

export const COMMANDS: readonly SuiteCommand[] = [
  { name: 'list', args: ['list'] },
  { name: 'bars ECB D1', args: ['bars', 'EUR/USD', '--timeframe', 'D1', '--source', 'ECB'] },
  { name: 'bars HistData H1', args: ['bars', 'EUR/USD', '--timeframe', 'H1', ...HD] },
  { name: 'bars HistData cross D1', args: ['bars', 'EUR/GBP', '--timeframe', 'D1', ...HD] },
  { name: 'corr matrix ECB majors', args: ['corr', '--universe', 'majors', '--source', 'ECB'] },
  { name: 'corr matrix HistData H4', args: ['corr', ...MAJORS8, '--timeframe', 'H4', '--window', 'all', ...HD] },
  { name: 'corr rolling ECB', args: ['corr', 'EUR/USD', 'GBP/USD', '--rolling', '60', '--source', 'ECB'] },
  { name: 'corr rolling HistData H1', args: ['corr', 'AUD/USD', 'NZD/USD', '--rolling', '24', '--timeframe', 'H1', ...HD] },
  { name: 'corr EWMA ECB', args: ['corr', 'EUR/USD', 'GBP/USD', '--ewm', '0.94', '--source', 'ECB'] },
  { name: 'vol ECB', args: ['vol', 'EUR/USD', '--source', 'ECB'] },
  { name: 'vol HistData H1', args: ['vol', 'GBP/USD', '--timeframe', 'H1', ...HD] },
  { name: 'move HistData', args: ['move', 'GBP/USD', '--threshold', '50', '--horizon', '10h', ...HD] },
  { name: 'var ECB', args: ['var', 'EUR/USD', '--confidence', '0.95,0.99', '--source', 'ECB'] },
  { name: 'exposure ECB', args: ['exposure', 'EUR/USD=+100k', 'USD/CHF=-50k', '--account', 'JPY', '--source', 'ECB'] },
  { name: 'strength ECB', args: ['strength', '--source', 'ECB'] },
  { name: 'cross HistData', args: ['cross', 'EUR/JPY', ...HD] },
  { name: 'pair ECB', args: ['pair', 'AUD/USD', 'NZD/USD', '--source', 'ECB'] },
  { name: 'perf ECB', args: ['perf', 'EUR/USD', '--benchmark', 'USD/JPY', '--source', 'ECB'] },
];
