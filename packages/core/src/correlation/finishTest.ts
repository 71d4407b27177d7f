import { correlationConfidenceInterval } from './correlationConfidenceInterval.js';
import { hasNaN, isConstant } from './checkLengths.js';
import type { CorrelationMethod, CorrelationTest } from './types.js';

/**
 * Shared tail of the scalar tests: the reason a coefficient is `NaN`
 * (too few points, constant input, or `null` for non-finite data) and the
 * Fisher-z interval.
 *
 * @internal not part of the package API (used inside core).
 */
export function finishTest(
  r: number,
  n: number,
  method: CorrelationMethod,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  confidence: number,
  p: number,
): CorrelationTest {
  if (n < 2) return { r: NaN, n, p: NaN, lo: NaN, hi: NaN, reason: 'too-few-observations' };
  if (r !== r) {
    const constant = !hasNaN(x, n) && !hasNaN(y, n) && (isConstant(x, n) || isConstant(y, n));
    return { r: NaN, n, p: NaN, lo: NaN, hi: NaN, reason: constant ? 'constant-input' : null };
  }
  const ci = correlationConfidenceInterval(r, n, method, confidence);
  return { r, n, p, lo: ci.lo, hi: ci.hi, reason: null };
}
