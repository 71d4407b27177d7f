import type { RiskMeasure } from './types.js';

/** A position to express a return-based risk measure in. */
export interface PositionScale {
  /** Current price of the pair (QUOTE per 1 BASE). */
  readonly price: number;
  /** Pip size of the pair (see `pipSize`). */
  readonly pip: number;
  /** Position size in units of the base currency (sign ignored: the measure already is for the side held). */
  readonly notional?: number;
  /** Account currency per 1 unit of the quote currency (1 when the account is the quote). */
  readonly quoteToAccount?: number;
}

/** One VaR/ES level in every unit, losses positive. */
export interface RiskInUnits {
  readonly confidence: number;
  /** As a return (fraction of the position's value). */
  readonly var: number;
  readonly es: number;
  /** In pips of the pair's price: return × price / pip. */
  readonly varPips: number;
  readonly esPips: number;
  /** In the quote currency: return × price × |notional|. */
  readonly varQuote: number;
  readonly esQuote: number;
  /** In the account currency: the quote amount × quoteToAccount. */
  readonly varAccount: number;
  readonly esAccount: number;
}

/**
 * Expresses return-based VaR/ES (losses positive) in pips, quote-currency
 * money and account money by linear (delta) scaling: a move of r in the
 * pair is r × price in price units and r × price × notional in the quote
 * currency. For log returns this is first order — the error is about r²/2
 * of the amount (0.5 % of a 1 % VaR) — and it keeps VaR and ES in the same
 * ratio in every unit.
 *
 * O(levels).
 *
 * Degenerate input: a missing notional or conversion rate gives NaN money
 * amounts (pips are still reported); NaN measures stay NaN.
 *
 * @example riskInUnits([{ confidence: 0.99, var: 0.01, es: 0.012 }], { price: 1.1, pip: 0.0001, notional: 100000 })[0].varPips // 110
 */
export function riskInUnits(measures: readonly RiskMeasure[], scale: PositionScale): RiskInUnits[] {
  const { price, pip } = scale;
  const notional = scale.notional === undefined ? Number.NaN : Math.abs(scale.notional);
  const fx = scale.quoteToAccount ?? Number.NaN;
  return measures.map((m) => {
    const vq = m.var * price * notional;
    const eq = m.es * price * notional;
    return {
      confidence: m.confidence,
      var: m.var,
      es: m.es,
      varPips: (m.var * price) / pip,
      esPips: (m.es * price) / pip,
      varQuote: vq,
      esQuote: eq,
      varAccount: vq * fx,
      esAccount: eq * fx,
    };
  });
}
