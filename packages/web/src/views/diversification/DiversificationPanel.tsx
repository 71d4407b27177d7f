import { useI18n } from '../../i18n/i18n';

const DD = { margin: 0, fontSize: '1.25rem', fontWeight: 600 } as const;

/** The exposure response's `diversification` (the data layer's exposureJson). */
export interface Diversification {
  ratio: number | null;
  averageCorrelation: { equalWeighted: number | null; riskWeighted: number | null; pairs: number };
}

/**
 * How diversified the basket is, beside its VaR: the diversification ratio
 * (Σ|exposure|·σ over the portfolio σ; 1 = no diversification; Choueifaty &
 * Coignard 2008) and the average pairwise correlation of the positions' P&L
 * (a short flips the sign), equal- and risk-weighted.
 */
export function DiversificationPanel({ d }: { d: Diversification | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!d) return null;
  const a = d.averageCorrelation;
  return (
    <div className="diversification" data-testid="diversification">
      <h3 style={{ margin: '0.75rem 0 0.25rem', fontSize: '1rem' }}>{t('diversification.title')}</h3>
      <dl style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem 2rem', margin: '0.25rem 0' }}>
        <div>
          <dt>{t('diversification.ratio')}</dt>
          <dd style={DD} data-testid="diversification-ratio">{i18n.num(d.ratio, 2)}</dd>
        </div>
        <div>
          <dt>{t('diversification.equal', { pairs: i18n.int(a.pairs) })}</dt>
          <dd style={DD} data-testid="diversification-equal">{i18n.signed(a.equalWeighted, 3)}</dd>
        </div>
        <div>
          <dt>{t('diversification.risk')}</dt>
          <dd style={DD}>{i18n.signed(a.riskWeighted, 3)}</dd>
        </div>
      </dl>
      <p className="muted" style={{ fontSize: '0.8rem' }}>{t('diversification.help')}</p>
    </div>
  );
}
