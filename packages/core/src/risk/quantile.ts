/**
 * Sample-quantile definitions, named as NumPy ≥ 1.22 names them
 * (`numpy.quantile(a, q, method=…)`); the first nine are Hyndman & Fan's
 * types 1–9 ("Sample quantiles in statistical packages", The American
 * Statistician 50(4), 1996).
 */
export const QUANTILE_METHODS = [
  'inverted_cdf', // H&F 1
  'averaged_inverted_cdf', // H&F 2
  'closest_observation', // H&F 3
  'interpolated_inverted_cdf', // H&F 4
  'hazen', // H&F 5
  'weibull', // H&F 6
  'linear', // H&F 7 — NumPy's, R's and pandas' default
  'median_unbiased', // H&F 8
  'normal_unbiased', // H&F 9
  'lower',
  'higher',
  'midpoint',
  'nearest',
] as const;
/** One of {@link QUANTILE_METHODS}. */
export type QuantileMethod = (typeof QUANTILE_METHODS)[number];

/** soukan's quantile convention: `linear` (H&F 7), NumPy's default. */
export const DEFAULT_QUANTILE_METHOD: QuantileMethod = 'linear';

const CONTINUOUS: Partial<Record<QuantileMethod, [number, number]>> = {
  interpolated_inverted_cdf: [0, 1],
  hazen: [0.5, 0.5],
  weibull: [0, 0],
  median_unbiased: [1 / 3, 1 / 3],
  normal_unbiased: [3 / 8, 3 / 8],
};

/**
 * Quantile `p` of an ascending-sorted sample, computed exactly as NumPy 1.24's
 * `numpy.quantile(a, p, method)` does — same virtual index, same clipping at
 * the ends, same two-sided linear interpolation (`a + (b−a)·g` below g = ½,
 * `b − (b−a)·(1−g)` above) — so results agree bit for bit.
 *
 * O(1); the caller sorts (NaN-free input; use {@link quantile} otherwise).
 *
 * Degenerate input: empty sample or p outside [0, 1] or NaN → NaN.
 *
 * @example quantileSorted(Float64Array.of(1, 2, 3, 4), 0.1) // 1.3 (linear)
 * @example quantileSorted(Float64Array.of(1, 2, 3, 4), 0.1, 'inverted_cdf') // 1
 */
export function quantileSorted(sorted: Float64Array, p: number, method: QuantileMethod = DEFAULT_QUANTILE_METHOD): number {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return Number.NaN;
  const at = (i: number): number => sorted[Math.min(n - 1, Math.max(0, i))]!;
  switch (method) {
    case 'lower':
      return at(Math.floor((n - 1) * p));
    case 'higher':
      return at(Math.ceil((n - 1) * p));
    case 'nearest':
      return at(roundHalfEven((n - 1) * p));
    case 'inverted_cdf':
      return at(discrete(n * p - 1, (g) => g === 0));
    case 'closest_observation': {
      const idx = n * p - 1 - 0.5;
      return at(discrete(idx, (g) => g === 0 && Math.floor(idx) % 2 === 0));
    }
    default:
      break;
  }
  let virtual: number;
  if (method === 'linear') virtual = (n - 1) * p;
  else if (method === 'averaged_inverted_cdf') virtual = n * p - 1;
  else if (method === 'midpoint') virtual = 0.5 * (Math.floor((n - 1) * p) + Math.ceil((n - 1) * p));
  else {
    const ab = CONTINUOUS[method];
    if (!ab) return Number.NaN;
    virtual = n * p + (ab[0] + p * (1 - ab[0] - ab[1])) - 1;
  }
  let prev = Math.floor(virtual);
  let next = prev + 1;
  if (virtual >= n - 1) prev = next = n - 1;
  if (virtual < 0) prev = next = 0;
  let g = virtual - Math.floor(virtual);
  if (method === 'averaged_inverted_cdf') g = g === 0 ? 0.5 : 1;
  else if (method === 'midpoint') g = virtual % 1 === 0 ? 0 : 0.5;
  return lerp(sorted[prev]!, sorted[next]!, g);
}

/** NumPy's `_lerp`: the form that is exact at both ends. */
function lerp(a: number, b: number, t: number): number {
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/** NumPy's `_discret_interpolation_to_boundaries`: previous index where the condition holds, else next; clipped at 0. */
function discrete(index: number, useLower: (gamma: number) => boolean): number {
  const prev = Math.floor(index);
  const g = index - prev;
  return Math.max(0, useLower(g) ? prev : prev + 1);
}

function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Quantile `p` of an unsorted sample (copied and sorted; the input is not
 * modified). NaN anywhere in the sample gives NaN, as in NumPy.
 *
 * O(n log n).
 *
 * @example quantile(Float64Array.of(3, 1, 4, 1, 5), 0.5) // 3
 */
export function quantile(x: Float64Array, p: number, method: QuantileMethod = DEFAULT_QUANTILE_METHOD): number {
  for (let i = 0; i < x.length; i++) if (Number.isNaN(x[i]!)) return Number.NaN;
  return quantileSorted(Float64Array.from(x).sort(), p, method);
}
