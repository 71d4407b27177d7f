import { DataTable } from '../../components/DataTable';
import { useI18n } from '../../i18n/i18n';

/** The pair response's regime breaks (`breaks` of `GET /api/correlation/pair`). */
export interface Breaks {
  window: number;
  level: number;
  blocks: { from: number; to: number; r: number | null; z: number | null; p: number | null; changed: boolean }[];
}

/** Block ρ at each time of a series (null outside the blocks): the regimes drawn as a step line. */
export function blockLevels(breaks: Breaks, time: readonly number[]): (number | null)[] {
  const out: (number | null)[] = [];
  let k = 0;
  for (const ms of time) {
    while (k < breaks.blocks.length && breaks.blocks[k]!.to < ms) k++;
    const b = breaks.blocks[k];
    out.push(b && b.from <= ms ? b.r : null);
  }
  return out;
}

/** The blocks whose correlation changed from the one before, newest first, with the test behind each. */
export function RegimeBreaks({ breaks, name }: { breaks: Breaks; name: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const rows = breaks.blocks.map((b, i) => ({ ...b, before: i > 0 ? breaks.blocks[i - 1]!.r : null })).filter((b) => b.changed).reverse();
  return (
    <div data-testid="regime-breaks">
      <p className="muted">
        {t('breaks.summary', { count: rows.length, blocks: breaks.blocks.length, w: breaks.window, level: i18n.pct(breaks.level, 0) })}
      </p>
      {rows.length > 0 && (
        <details>
          <summary>{t('breaks.list', { count: rows.length })}</summary>
          <DataTable
          name={name}
          testId="breaks-table"
          rows={rows}
          columns={[
            { key: 'from', label: t('breaks.from'), value: (r) => new Date(r.from).toISOString(), show: (r) => i18n.date(r.from) },
            { key: 'to', label: t('breaks.to'), value: (r) => new Date(r.to).toISOString(), show: (r) => i18n.date(r.to) },
            { key: 'before', label: t('breaks.before'), value: (r) => r.before, show: (r) => i18n.signed(r.before, 3), num: true },
            { key: 'r', label: t('breaks.after'), value: (r) => r.r, show: (r) => i18n.signed(r.r, 3), num: true },
            { key: 'z', label: 'z', value: (r) => r.z, show: (r) => i18n.num(r.z, 2), num: true },
            { key: 'p', label: 'p', value: (r) => r.p, show: (r) => i18n.pRel(r.p), num: true },
          ]}
          />
        </details>
      )}
    </div>
  );
}
