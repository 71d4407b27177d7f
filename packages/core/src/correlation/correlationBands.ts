/** One strength band of the trader colour scheme. */
export interface CorrelationBand {
  /** Smallest |ρ| of the band (inclusive). */
  readonly min: number;
  /** The colour's name, as traders say it. */
  readonly name: 'red' | 'orange' | 'blue' | 'green';
  /** Fill of a positive coefficient (sRGB hex). */
  readonly positive: string;
  /**
   * Fill of a negative coefficient: the same hue, darker, so a strong
   * negative reads as strong as a strong positive and the sign survives
   * colour-blind vision as a lightness difference (pages also hatch it).
   */
  readonly negative: string;
  /** ANSI SGR colour of the band in a terminal (256-colour where 16 has no match). */
  readonly ansi: string;
}

/**
 * The strength bands traders know from MetaTrader correlation indicators
 * (FXTF "Symbol Soukan", OANDA Correlation Matrix EA): |ρ|×100 ≥ 75 red,
 * ≥ 50 orange, ≥ 25 blue, else green — strongest first. The one copy of
 * the thresholds and colours the command line and the dashboard paint with.
 *
 * @example
 * CORRELATION_BANDS.map((b) => b.min) // [0.75, 0.5, 0.25, 0]
 */
export const CORRELATION_BANDS: readonly CorrelationBand[] = [
  { min: 0.75, name: 'red', positive: '#c62828', negative: '#7f1414', ansi: '31' },
  { min: 0.5, name: 'orange', positive: '#ef6c00', negative: '#8a3c00', ansi: '38;5;208' },
  { min: 0.25, name: 'blue', positive: '#1e6fd0', negative: '#0b3a75', ansi: '34' },
  { min: 0, name: 'green', positive: '#2e7d32', negative: '#174d1b', ansi: '32' },
];

/**
 * The band of a coefficient by |ρ| (NaN falls in the weakest band; callers
 * show missing values their own way).
 *
 * @example
 * correlationBand(-0.88).name // 'red'
 * correlationBand(0.3).name // 'blue'
 */
export function correlationBand(r: number): CorrelationBand {
  const a = Math.abs(r);
  for (const b of CORRELATION_BANDS) if (a >= b.min) return b;
  return CORRELATION_BANDS[CORRELATION_BANDS.length - 1]!;
}
