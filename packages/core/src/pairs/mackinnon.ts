import { normalCdf } from '../stats/normalCdf.js';

/**
 * Deterministic terms of a unit-root or cointegration regression:
 * `n` none, `c` constant, `ct` constant and linear trend, `ctt` constant,
 * linear and quadratic trend (statsmodels' names).
 */
export type TrendTerm = 'n' | 'c' | 'ct' | 'ctt';

/*
 * MacKinnon, J.G. (1994), "Approximate asymptotic distribution functions for
 * unit-root and cointegration tests", Journal of Business & Economic
 * Statistics 12(2), 167–176: response-surface coefficients of the τ (t-type)
 * statistics, for N = 1…6 integrated variables (row N − 1). p = Φ(γ₀ + γ₁τ +
 * γ₂τ²) left of τ*, Φ(γ₀ + γ₁τ + γ₂τ² + γ₃τ³) right of it; below τ_min the
 * p-value is 0, above τ_max it is 1. Published constants, transcribed from the
 * paper's tables as statsmodels 0.13 `tsa/adfvalues.py` carries them (already
 * multiplied by the paper's scaling: ×1, ×1, ×1e-2 for the small-p
 * coefficients; ×1, ×1e-1, ×1e-1, ×1e-2 for the large-p ones).
 */
const TAU_STAR: Record<TrendTerm, readonly number[]> = {
  n: [-1.04, -1.53, -2.68, -3.09, -3.07, -3.77],
  c: [-1.61, -2.62, -3.13, -3.47, -3.78, -3.93],
  ct: [-2.89, -3.19, -3.5, -3.65, -3.8, -4.36],
  ctt: [-3.21, -3.51, -3.81, -3.83, -4.12, -4.63],
};
const TAU_MIN: Record<TrendTerm, readonly number[]> = {
  n: [-19.04, -19.62, -21.21, -23.25, -21.63, -25.74],
  c: [-18.83, -18.86, -23.48, -28.07, -25.96, -23.27],
  ct: [-16.18, -21.15, -25.37, -26.63, -26.53, -26.18],
  ctt: [-17.17, -21.1, -24.33, -24.03, -24.33, -28.22],
};
const TAU_MAX: Record<TrendTerm, readonly number[]> = {
  n: [Infinity, 1.51, 0.86, 0.88, 1.05, 1.24],
  c: [2.74, 0.92, 0.55, 0.61, 0.79, 1],
  ct: [0.7, 0.63, 0.71, 0.93, 1.19, 1.42],
  ctt: [0.54, 0.79, 1.08, 1.43, 3.49, 1.92],
};
const SMALL_P: Record<TrendTerm, readonly (readonly number[])[]> = {
  n: [
    [0.6344, 1.2378, 3.2496],
    [1.9129, 1.3857, 3.5322],
    [2.7648, 1.4502, 3.4186],
    [3.4336, 1.4835, 3.19],
    [4.0999, 1.5533, 3.59],
    [4.5388, 1.5344, 2.9807],
  ],
  c: [
    [2.1659, 1.4412, 3.8269],
    [2.92, 1.5012, 3.9796],
    [3.4699, 1.4856, 3.164],
    [3.9673, 1.4777, 2.6315],
    [4.5509, 1.5338, 2.9545],
    [5.1399, 1.6036, 3.4445],
  ],
  ct: [
    [3.2512, 1.6047, 4.9588],
    [3.6646, 1.5419, 3.6448],
    [4.0983, 1.5173, 2.9898],
    [4.5844, 1.5338, 2.8796],
    [5.0722, 1.5634, 2.9472],
    [5.53, 1.5914, 3.0392],
  ],
  ctt: [
    [4.0003, 1.658, 4.8288],
    [4.3534, 1.6016, 3.7947],
    [4.7343, 1.5768, 3.2396],
    [5.214, 1.6077, 3.3449],
    [5.6481, 1.6274, 3.3455],
    [5.9296, 1.5929, 2.8223],
  ],
};
const LARGE_P: Record<TrendTerm, readonly (readonly number[])[]> = {
  n: [
    [0.4797, 9.3557, -0.6999, 3.3066],
    [1.5578, 8.558, -2.083, -3.3549],
    [2.2268, 6.8093, -3.2362, -5.4448],
    [2.7654, 6.4502, -3.0811, -4.4946],
    [3.2684, 6.8051, -2.6778, -3.4972],
    [3.7268, 7.167, -2.3648, -2.8288],
  ],
  c: [
    [1.7339, 9.3202, -1.2745, -1.0368],
    [2.1945, 6.4695, -2.9198, -4.2377],
    [2.5893, 4.5168, -3.6529, -5.0074],
    [3.0387, 4.5452, -3.3666, -4.1921],
    [3.5049, 5.2098, -2.9158, -3.3468],
    [3.9489, 5.8933, -2.5359, -2.721],
  ],
  ct: [
    [2.5261, 6.1654, -3.7956, -6.0285],
    [2.85, 5.272, -3.6622, -5.1695],
    [3.221, 5.255, -3.2685, -4.1501],
    [3.652, 5.9758, -2.7483, -3.2081],
    [4.0712, 6.6428, -2.3464, -2.546],
    [4.4735, 7.1757, -2.0681, -2.1196],
  ],
  ctt: [
    [3.0778, 4.9529, -4.1477, -5.9359],
    [3.4713, 5.967, -3.2507, -4.2286],
    [3.8637, 6.7852, -2.6286, -3.1381],
    [4.2736, 7.6199, -2.1534, -2.4026],
    [4.6679, 8.2618, -1.822, -1.9147],
    [5.0009, 8.3735, -1.6994, -1.6928],
  ],
};
const SMALL_SCALE = [1, 1, 1e-2];
const LARGE_SCALE = [1, 1e-1, 1e-1, 1e-2];

/*
 * MacKinnon, J.G. (2010), "Critical values for cointegration tests", Queen's
 * Economics Department Working Paper 1227, Table 2: critical values
 * β∞ + β₁/T + β₂/T² + β₃/T³ for N = 1…6 (row N − 1), at 1 %, 5 % and 10 %.
 * The no-constant case (`n`, N = 1 only) is from MacKinnon (1996) as in
 * statsmodels 0.13 `mackinnoncrit`.
 */
const CRIT_2010: Record<TrendTerm, readonly (readonly (readonly number[])[])[]> = {
  n: [
    [
      [-2.56574, -2.2358, -3.627, 0],
      [-1.941, -0.2686, -3.365, 31.223],
      [-1.61682, 0.2656, -2.714, 25.364],
    ],
  ],
  c: [
    [
      [-3.43035, -6.5393, -16.786, -79.433],
      [-2.86154, -2.8903, -4.234, -40.04],
      [-2.56677, -1.5384, -2.809, 0],
    ],
    [
      [-3.89644, -10.9519, -33.527, 0],
      [-3.33613, -6.1101, -6.823, 0],
      [-3.04445, -4.2412, -2.72, 0],
    ],
    [
      [-4.29374, -14.4354, -33.195, 47.433],
      [-3.74066, -8.5632, -10.852, 27.982],
      [-3.45218, -6.2143, -3.718, 0],
    ],
    [
      [-4.64332, -18.1031, -37.972, 0],
      [-4.096, -11.2349, -11.175, 0],
      [-3.8102, -8.3931, -4.137, 0],
    ],
    [
      [-4.95756, -21.8883, -45.142, 0],
      [-4.41519, -14.0405, -12.575, 0],
      [-4.13157, -10.7417, -3.784, 0],
    ],
    [
      [-5.24568, -25.6688, -57.737, 88.639],
      [-4.70693, -16.9178, -17.492, 60.007],
      [-4.42501, -13.1875, -5.104, 27.877],
    ],
  ],
  ct: [
    [
      [-3.95877, -9.0531, -28.428, -134.155],
      [-3.41049, -4.3904, -9.036, -45.374],
      [-3.12705, -2.5856, -3.925, -22.38],
    ],
    [
      [-4.32762, -15.4387, -35.679, 0],
      [-3.78057, -9.5106, -12.074, 0],
      [-3.49631, -7.0815, -7.538, 21.892],
    ],
    [
      [-4.66305, -18.7688, -49.793, 104.244],
      [-4.1189, -11.8922, -19.031, 77.332],
      [-3.83511, -9.0723, -8.504, 35.403],
    ],
    [
      [-4.9694, -22.4694, -52.599, 51.314],
      [-4.42871, -14.5876, -18.228, 39.647],
      [-4.14633, -11.25, -9.873, 54.109],
    ],
    [
      [-5.25276, -26.2183, -59.631, 50.646],
      [-4.71537, -17.3569, -22.66, 91.359],
      [-4.43422, -13.6078, -10.238, 76.781],
    ],
    [
      [-5.51727, -29.976, -75.222, 202.253],
      [-4.98228, -20.305, -25.224, 132.03],
      [-4.70233, -16.1253, -9.836, 94.272],
    ],
  ],
  ctt: [
    [
      [-4.37113, -11.5882, -35.819, -334.047],
      [-3.83239, -5.9057, -12.49, -118.284],
      [-3.55326, -3.6596, -5.293, -63.559],
    ],
    [
      [-4.69276, -20.2284, -64.919, 88.884],
      [-4.15387, -13.3114, -28.402, 72.741],
      [-3.87346, -10.4637, -17.408, 66.313],
    ],
    [
      [-4.99071, -23.5873, -76.924, 184.782],
      [-4.45311, -15.7732, -32.316, 122.705],
      [-4.1728, -12.4909, -17.912, 83.285],
    ],
    [
      [-5.2678, -27.2836, -78.971, 137.871],
      [-4.73244, -18.4833, -31.875, 111.817],
      [-4.45268, -14.7199, -17.969, 101.92],
    ],
    [
      [-5.52826, -30.9051, -92.49, 248.096],
      [-4.99491, -21.236, -37.685, 194.208],
      [-4.71587, -17.082, -18.631, 136.672],
    ],
    [
      [-5.77379, -34.701, -105.937, 393.991],
      [-5.24217, -24.2177, -39.153, 232.528],
      [-4.96397, -19.6064, -18.858, 174.919],
    ],
  ],
};

/** Largest N (number of I(1) series) the tables cover. */
export const MACKINNON_MAX_N = 6;

function checkArgs(regression: TrendTerm, n: number, fn: string): void {
  if (!(regression in TAU_STAR)) throw new Error(`${fn}: regression must be one of n, c, ct, ctt, got ${JSON.stringify(regression)}`);
  if (!Number.isInteger(n) || n < 1 || n > MACKINNON_MAX_N || (fn === 'mackinnonCrit' && regression === 'n' && n !== 1)) {
    throw new Error(`${fn}: N (number of integrated series) must be a whole number in 1…${regression === 'n' && fn === 'mackinnonCrit' ? 1 : MACKINNON_MAX_N}, got ${n}`);
  }
}

/**
 * MacKinnon's (1994) approximate asymptotic p-value of a Dickey–Fuller τ
 * statistic (ADF: N = 1; Engle–Granger with k regressors: N = k + 1), from the
 * response surfaces of MacKinnon (1994); identical in construction to
 * statsmodels' `mackinnonp`.
 *
 * O(1). Degenerate input: NaN gives NaN; −Infinity gives 0.
 *
 * @throws Error for an unknown regression or N outside 1…6.
 * @example mackinnonP(-2.86154, 'c', 1) // ≈ 0.0500 (the 5 % critical value)
 */
export function mackinnonP(stat: number, regression: TrendTerm = 'c', n = 1): number {
  checkArgs(regression, n, 'mackinnonP');
  if (Number.isNaN(stat)) return Number.NaN;
  if (stat > TAU_MAX[regression][n - 1]!) return 1;
  if (stat < TAU_MIN[regression][n - 1]!) return 0;
  const small = stat <= TAU_STAR[regression][n - 1]!;
  const coef = small ? SMALL_P[regression][n - 1]! : LARGE_P[regression][n - 1]!;
  const scale = small ? SMALL_SCALE : LARGE_SCALE;
  // Horner from the highest power, as numpy.polyval does.
  let z = 0;
  for (let i = coef.length - 1; i >= 0; i--) z = z * stat + coef[i]! * scale[i]!;
  return normalCdf(z);
}

/** Critical values at 1 %, 5 % and 10 %. */
export interface CriticalValues {
  readonly '1%': number;
  readonly '5%': number;
  readonly '10%': number;
}

/**
 * MacKinnon's (2010) finite-sample critical values of a Dickey–Fuller τ
 * statistic for sample size `nobs` (asymptotic when `nobs` is Infinity):
 * β∞ + β₁/T + β₂/T² + β₃/T³.
 *
 * O(1).
 *
 * @throws Error for an unknown regression or N outside the table.
 * @example mackinnonCrit(1, 'c', Infinity)['5%'] // -2.86154
 */
export function mackinnonCrit(n = 1, regression: TrendTerm = 'c', nobs = Infinity): CriticalValues {
  checkArgs(regression, n, 'mackinnonCrit');
  const rows = CRIT_2010[regression][n - 1]!;
  const x = 1 / nobs;
  const v = rows.map((b) => ((b[3]! * x + b[2]!) * x + b[1]!) * x + b[0]!);
  return { '1%': v[0]!, '5%': v[1]!, '10%': v[2]! };
}
