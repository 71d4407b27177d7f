import type { MessageKey } from './en';
import type { I18n } from './i18n';

const TIMEFRAMES = ['M1', 'M5', 'M15', 'M30', 'H1', 'H4', 'D1', 'W1'];

/** "daily" / "日足" for D1 …; the code itself for anything unknown. */
export function tfLabel(tf: string, t: I18n['t']): string {
  return TIMEFRAMES.includes(tf) ? t(`tf.${tf}` as MessageKey) : tf;
}
