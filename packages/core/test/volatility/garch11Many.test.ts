import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { garch11, resampleBars, type Timeframe } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';
import { between, ecbSeries, histDataM1, logReturns } from '../risk/helpers/realData.js';

interface Ref {
  readonly n: number;
  readonly scipy: { omega: number; alpha: number; beta: number; logLik: number };
  readonly tseries: { omega: number; alpha: number; beta: number; logLik: number };
  readonly bestLogLik: number;
  /** The maximum over α + β ≤ 1, where the best reference is not stationary; else null. */
  readonly stationary: { omega: number; alpha: number; beta: number; logLik: number } | null;
}
const ref = JSON.parse(readFileSync(fixture('packages/core/test/volatility/fixtures/garchMany.json'), 'utf8')) as { series: Record<string, Ref> };

async function returnsOf(name: string): Promise<Float64Array> {
  const [source, symbol, tf] = name.split(' ') as [string, string, Timeframe];
  if (source === 'ecb') return logReturns(between(await ecbSeries(symbol), '1999-01-01', '2019-12-31').close);
  const bars = await histDataM1(symbol.replace('/', ''));
  return logReturns(resampleBars(bars, tf).bars.close);
}

/**
 * The global maximum on every 2017 HistData pair at M5, M15, M30, H1, H4 and
 * D1 and on six ECB series: the best of R tseries::garch and a 49-start SciPy
 * L-BFGS-B + Nelder–Mead fit (garchMany.gen.py). The likelihood is flat along
 * the boundary maxima (α → 0 or β → 0, which our transform reaches only in
 * the limit), hence 1e-6 log-likelihood units of slack below the best
 * (measured: within ±2e-10 of it on the H1, H4, D1 and ECB series).
 *
 * garch11 fits the covariance-stationary model (α + β < 1). On six M5/M15
 * series the unconstrained maximum is explosive (α + β up to 1.045: the
 * intraday pattern of the range read as persistence), so there the reference
 * is the generator's maximum over α + β ≤ 1 and the fit must reach it at the
 * boundary.
 */
describe('garch11 reaches the global maximum on 54 real series (garchMany.gen.py: SciPy multi-start, R tseries)', () => {
  for (const [name, r] of Object.entries(ref.series)) {
    const target = r.stationary ?? { ...r.scipy, logLik: r.bestLogLik };
    it(`${name}: log-likelihood ≥ the references' best${r.stationary ? ' under α + β ≤ 1' : ''} − 1e-6`, async () => {
      const x = await returnsOf(name);
      expect(x.length).toBe(r.n);
      const fit = garch11(x);
      const msg = JSON.stringify({ name, omega: fit.omega, alpha: fit.alpha, beta: fit.beta, ll: fit.logLikelihood, scipy: r.scipy, tseries: r.tseries, stationary: r.stationary, message: fit.message });
      expect(fit.converged, msg).toBe(true);
      expect(fit.logLikelihood, msg).toBeGreaterThanOrEqual(target.logLik - 1e-6);
      if (r.stationary) {
        // The unconstrained references are explosive; the stationary maximum is on α + β = 1, and so is the fit.
        expect(Math.max(r.scipy.alpha + r.scipy.beta, r.tseries.alpha + r.tseries.beta), msg).toBeGreaterThan(1);
        expect(fit.persistence, msg).toBeGreaterThan(0.9999);
        expect(fit.logLikelihood, msg).toBeLessThan(r.bestLogLik);
      }
      // Where the maximum is interior (both α and β clear of 0 and α + β clear of 1), the parameters agree too.
      const s = target;
      if (s.alpha > 0.01 && s.beta > 0.05 && s.alpha + s.beta < 0.995) {
        expect(Math.abs(fit.alpha - s.alpha), msg).toBeLessThan(2e-3);
        expect(Math.abs(fit.beta - s.beta), msg).toBeLessThan(1e-2);
      }
    });
  }
});
