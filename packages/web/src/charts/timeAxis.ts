import type uPlot from 'uplot';
import type { I18n } from '../i18n/i18n';

/** uPlot x-axis and legend formatting of UTC times (seconds) in the user's language. */
export function timeAxis(i18n: I18n): { axis: uPlot.Axis; series: uPlot.Series } {
  const month = new Intl.DateTimeFormat(i18n.locale, { timeZone: 'UTC', year: 'numeric', month: 'short' });
  const year = new Intl.DateTimeFormat(i18n.locale, { timeZone: 'UTC', year: 'numeric' });
  const day = new Intl.DateTimeFormat(i18n.locale, { timeZone: 'UTC', month: 'short', day: 'numeric' });
  return {
    axis: {
      stroke: '#333',
      space: 72,
      grid: { stroke: '#e6e6e6' },
      values: (_u, splits, _ax, _space, incr) =>
        splits.map((s) => {
          const ms = s * 1000;
          if (incr >= 360 * 86400) return year.format(ms);
          if (incr >= 28 * 86400) return month.format(ms);
          return day.format(ms);
        }),
    },
    series: { label: i18n.t('chart.time'), value: (_u, v) => (v === null ? '—' : i18n.dateTime(v * 1000)) },
  };
}
