/**
 * The longest window (observations) any request accepts: one bound for the
 * command line, the API and the dashboard (ten years of M1 bars fit).
 */
export const MAX_WINDOW = 10_000_000;

/** Most pairs in one request. */
export const MAX_SYMBOLS = 64;

/**
 * Most pairs in one correlation matrix: a 1,000 × 1,000 matrix of a few
 * thousand observations takes well under a second on the compute
 * dispatcher's kernels (docs/performance.md); a CSV of hundreds of series
 * is a real use.
 */
export const MAX_CORRELATION_SYMBOLS = 1000;
