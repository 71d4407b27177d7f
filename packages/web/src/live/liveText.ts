import { useCallback } from 'react';
import { useI18n, type Lang, type Params } from '../i18n/i18n';

// Wording of the live parts of the dashboard, English and Japanese. Kept
// beside the live code (not in i18n/en.ts) so the live pages carry their own
// words; the type makes every key exist in both languages.

const en = {
  'live.badge': 'Live',
  'live.status': 'Live feed status',
  'live.feed': 'Feed',
  'live.feed.replay': 'replay {speed}×',
  'live.feed.oanda': 'OANDA',
  'live.feed.push': 'push',
  'live.state.connecting': 'connecting',
  'live.state.live': 'live',
  'live.state.stalled': 'stalled',
  'live.state.reconnecting': 'reconnecting',
  'live.state.stopped': 'stopped',
  'live.link.connecting': 'connecting to the server…',
  'live.link.reconnecting': 'connection lost — reconnecting…',
  'live.link.closed': 'disconnected',
  'live.lastTick': 'last tick {time}',
  'live.noTick': 'no tick yet',
  'live.lag': 'lag {ms}',
  'live.reconnects': 'reconnects {n}',
  'live.linkDrops': 'stream dropped {n}×',
  'live.ticks': '{n} ticks',
  'live.dropped': '{n} dropped',
  'live.session': 'Session',
  'live.session.all': 'All',
  'live.session.tokyo': 'Tokyo',
  'live.session.london': 'London',
  'live.session.newyork': 'New York',
  'live.alerts': 'Alerts ({n})',
  'live.alerts.title': 'Alerts, newest first',
  'live.alerts.none': 'No alert yet.',
  'live.alerts.close': 'Close',
  'live.alerts.evidence': 'Evidence',
  'live.alerts.show': 'Show alert',
  'live.notify': 'Notify me',
  'live.notify.on': 'Notifications on',
  'live.notify.denied': 'Notifications blocked',
  'live.kind.breakdown-band': 'Correlation left its band',
  'live.kind.breakdown-fisher': 'Correlation changed (Fisher z)',
  'live.kind.divergence': 'Divergence',
  'live.kind.vol-spike': 'Volatility spike',
  'live.kind.move': 'Price move',
  'live.matrix.title': 'Live correlation · rolling {window} one-minute bars · {session} · {time}',
  'live.matrix.waiting': 'Live correlation · waiting for the first closed bar…',
  'live.matrix.legend': 'Rolling Pearson correlation of one-minute log returns, updated at every closed bar; outlined cells changed at the last bar (rounded to 2 decimals). Live cells are not tested for significance.',
  'live.matrix.changed': 'Changed at the last bar: {n}.',
  'live.tip.rolling': 'rolling ρ ({window} bars)',
  'live.tip.ewm': 'EWMA ρ',
  'live.strength.title': 'Live currency strength · {time}',
  'live.strength.note': 'Least-squares index of the live bars, 100 at the feed’s first bar.',
  'live.vol.title': 'Live volatility · σ of one-minute log returns over {window} bars · {time}',
  'live.vol.axis': 'σ per bar (%)',
  'live.invalid': '{n} events did not match the live API and were ignored',
} as const;

export type LiveKey = keyof typeof en;

const ja: Record<LiveKey, string> = {
  'live.badge': 'ライブ',
  'live.status': 'ライブフィードの状態',
  'live.feed': 'フィード',
  'live.feed.replay': 'リプレイ {speed} 倍',
  'live.feed.oanda': 'OANDA',
  'live.feed.push': 'プッシュ',
  'live.state.connecting': '接続中',
  'live.state.live': '受信中',
  'live.state.stalled': '停滞',
  'live.state.reconnecting': '再接続中',
  'live.state.stopped': '停止',
  'live.link.connecting': 'サーバーに接続中…',
  'live.link.reconnecting': '接続が切れました — 再接続中…',
  'live.link.closed': '切断',
  'live.lastTick': '最終ティック {time}',
  'live.noTick': 'ティックなし',
  'live.lag': '遅延 {ms}',
  'live.reconnects': '再接続 {n} 回',
  'live.linkDrops': 'ストリーム切断 {n} 回',
  'live.ticks': '{n} ティック',
  'live.dropped': '除外 {n}',
  'live.session': '時間帯',
  'live.session.all': 'すべて',
  'live.session.tokyo': '東京',
  'live.session.london': 'ロンドン',
  'live.session.newyork': 'ニューヨーク',
  'live.alerts': 'アラート（{n}）',
  'live.alerts.title': 'アラート（新しい順）',
  'live.alerts.none': 'アラートはまだありません。',
  'live.alerts.close': '閉じる',
  'live.alerts.evidence': '根拠',
  'live.alerts.show': 'アラートを表示',
  'live.notify': '通知を受け取る',
  'live.notify.on': '通知オン',
  'live.notify.denied': '通知はブロックされています',
  'live.kind.breakdown-band': '相関がバンドを外れた',
  'live.kind.breakdown-fisher': '相関の変化（Fisher z 検定）',
  'live.kind.divergence': '乖離',
  'live.kind.vol-spike': 'ボラティリティ急上昇',
  'live.kind.move': '値幅到達',
  'live.matrix.title': 'ライブ相関 · 1 分足 {window} 本のローリング · {session} · {time}',
  'live.matrix.waiting': 'ライブ相関 · 最初の確定足を待っています…',
  'live.matrix.legend': '1 分足の対数リターンのローリング Pearson 相関。足が確定するたびに更新。枠付きのセルは直前の足で変わったもの（小数 2 桁で比較）。ライブのセルは有意性を検定していません。',
  'live.matrix.changed': '直前の足で変化: {n} セル。',
  'live.tip.rolling': 'ローリング ρ（{window} 本）',
  'live.tip.ewm': 'EWMA ρ',
  'live.strength.title': 'ライブ通貨強弱 · {time}',
  'live.strength.note': 'ライブの足による最小二乗の通貨指数（フィード最初の足 = 100）。',
  'live.vol.title': 'ライブのボラティリティ · 1 分足対数リターンの σ（{window} 本）· {time}',
  'live.vol.axis': '1 本あたり σ（%）',
  'live.invalid': 'ライブ API に合わないイベント {n} 件を無視しました',
};

const CATALOG: Record<Lang, Record<LiveKey, string>> = { en, ja };

/**
 * Every key of the live wording.
 *
 * @example LIVE_KEYS.includes('live.badge') // true
 */
export const LIVE_KEYS = Object.keys(en) as LiveKey[];

/**
 * The live wording in the page's language, with `{name}` placeholders filled.
 *
 * @example liveText('ja', 'live.reconnects', { n: 2 }) // '再接続 2 回'
 */
export function liveText(lang: Lang, key: LiveKey, params: Params = {}): string {
  return CATALOG[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/**
 * `liveText` bound to the page's language.
 *
 * @example const lt = useLiveText(); lt('live.badge') // 'Live' in English
 */
export function useLiveText(): (key: LiveKey, params?: Params) => string {
  const { lang } = useI18n();
  return useCallback((key: LiveKey, params?: Params) => liveText(lang, key, params), [lang]);
}
