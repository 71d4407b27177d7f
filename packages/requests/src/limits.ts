/**
 * The longest window (observations) any request accepts: one bound for the
 * command line, the API and the dashboard (ten years of M1 bars fit).
 */
export const MAX_WINDOW = 10_000_000;

/** Most pairs in one request. */
export const MAX_SYMBOLS = 64;
