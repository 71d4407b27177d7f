import type { Lang, Localised } from './text.js';

/**
 * What a form calls each request parameter, in English and Japanese: the
 * page's messages name a field by its label ("Minimum periods"), not by its
 * API spelling (`minPeriods`). One table for every request, since a name
 * means the same in each; a test holds it to every parameter the API takes.
 *
 * @example PARAM_LABELS.minPeriods.ja // '最小観測数'
 */
export const PARAM_LABELS = {
  a: { en: 'Pair A', ja: 'ペア A' },
  account: { en: 'Account currency', ja: '口座通貨' },
  align: { en: 'Missing data', ja: '欠損データ' },
  annualization: { en: 'Annualisation', ja: '年率換算' },
  assets: { en: 'Assets', ja: '資産' },
  atr: { en: 'ATR period', ja: 'ATR 期間' },
  autolag: { en: 'Lag selection', ja: 'ラグ選択' },
  b: { en: 'Pair B', ja: 'ペア B' },
  backtest: { en: 'Backtest', ja: 'バックテスト' },
  backtestWindow: { en: 'Backtest window', ja: 'バックテスト期間' },
  base: { en: 'Base', ja: '基準' },
  benchmark: { en: 'Benchmark', ja: 'ベンチマーク' },
  confidence: { en: 'Confidence', ja: '信頼水準' },
  corrLong: { en: 'Long correlation window', ja: '長期相関の期間' },
  corrShort: { en: 'Short correlation window', ja: '短期相関の期間' },
  currencies: { en: 'Currencies', ja: '通貨' },
  dateFormat: { en: 'Date format', ja: '日付書式' },
  days: { en: 'Days', ja: '日数' },
  delimiter: { en: 'Delimiter', ja: '区切り文字' },
  end: { en: 'Ending', ja: '終了日' },
  ewm: { en: 'EWMA λ', ja: 'EWMA λ' },
  files: { en: 'Files', ja: 'ファイル' },
  from: { en: 'From', ja: '開始日' },
  given: { en: 'Net of', ja: '除く系列' },
  granger: { en: 'Granger lags', ja: 'グレンジャーのラグ' },
  hedge: { en: 'Hedge', ja: 'ヘッジ' },
  history: { en: 'History', ja: '履歴' },
  horizon: { en: 'Horizon', ja: 'ホライズン' },
  input: { en: 'File format', ja: 'ファイル形式' },
  intervals: { en: 'Sampling intervals', ja: 'サンプリング間隔' },
  k: { en: 'Divergence threshold (k)', ja: '乖離のしきい値（k）' },
  ladder: { en: 'Ladder', ja: 'ラダー' },
  lambda: { en: 'EWMA λ', ja: 'EWMA λ' },
  level: { en: 'Significance level', ja: '有意水準' },
  limit: { en: 'Limit', ja: '件数' },
  maxLag: { en: 'Maximum lag', ja: '最大ラグ' },
  mean: { en: 'Mean', ja: '平均' },
  method: { en: 'Method', ja: '手法' },
  minPeriods: { en: 'Minimum periods', ja: '最小観測数' },
  name: { en: 'File name', ja: 'ファイル名' },
  numeraire: { en: 'Numéraire', ja: '基準通貨' },
  on: { en: 'Input', ja: '対象' },
  order: { en: 'Order', ja: '並び順' },
  pairs: { en: 'Pairs', ja: '通貨ペア' },
  paths: { en: 'Simulated paths', ja: 'シミュレーション本数' },
  periodsPerYear: { en: 'Periods per year', ja: '年間期間数' },
  positions: { en: 'Positions', ja: 'ポジション' },
  returns: { en: 'Returns', ja: 'リターン' },
  rf: { en: 'Risk-free rate', ja: '無リスク金利' },
  rolling: { en: 'Rolling window', ja: 'ローリング期間' },
  seed: { en: 'Seed', ja: '乱数シード' },
  series: { en: 'Series', ja: '系列' },
  session: { en: 'Session', ja: 'セッション' },
  shrink: { en: 'Shrinkage', ja: '縮小推定' },
  skipBadRows: { en: 'Skip bad rows', ja: '不正な行を飛ばす' },
  source: { en: 'Source', ja: 'ソース' },
  symbol: { en: 'Pair', ja: '通貨ペア' },
  symbols: { en: 'Pairs', ja: '通貨ペア' },
  thin: { en: 'Thinning', ja: '間引き' },
  threshold: { en: 'Thresholds (pips)', ja: 'しきい値（pips）' },
  timeColumn: { en: 'Time column', ja: '時刻の列' },
  timeframe: { en: 'Timeframe', ja: '時間足' },
  to: { en: 'To', ja: '終了日' },
  trend: { en: 'Trend', ja: 'トレンド' },
  tz: { en: 'Time zone', ja: 'タイムゾーン' },
  universe: { en: 'Pairs', ja: '通貨ペア' },
  varLevel: { en: 'VaR level', ja: 'VaR の水準' },
  via: { en: 'Via', ja: '経由通貨' },
  weeks: { en: 'Weeks', ja: '週数' },
  window: { en: 'Window', ja: '期間' },
  zWindow: { en: 'z-score window', ja: 'z スコアの期間' },
  zone: { en: 'Time zone', ja: 'タイムゾーン' },
} as const satisfies Readonly<Record<string, Localised>>;

/**
 * The label of a parameter in a language, or its name when the table has
 * none (a command-line-only parameter).
 *
 * @example paramLabel('minPeriods', 'en') // 'Minimum periods'
 * @example paramLabel('tickStore', 'ja') // 'tickStore'
 */
export function paramLabel(name: string, lang: Lang): string {
  return Object.hasOwn(PARAM_LABELS, name) ? PARAM_LABELS[name as keyof typeof PARAM_LABELS][lang] : name;
}
