/**
 * Every stable error code soukan sends: the data layer's `InputError`, the
 * server's `HttpError` and the dashboard's translations (`error.<code>` in
 * English and Japanese) all take their codes from this one list, so a code
 * cannot be sent that the page cannot word, nor worded that is never sent.
 *
 * @example ERROR_CODES.includes('conflicting-params') // true
 */
export const ERROR_CODES = [
  // request parameters (the request specs)
  'invalid-param',
  'missing-param',
  'unknown-param',
  'repeated-param',
  'conflicting-params',
  'invalid-range',
  'invalid-json',
  // what the data cannot answer
  'input-error',
  'unknown-symbol',
  'unreachable-symbol',
  'duplicate-symbol',
  'symbol-count',
  'universe-too-small',
  'too-few-observations',
  'too-little-history',
  'empty-window',
  'no-overlap',
  'constant-series',
  'timeframe-needs-intraday',
  'session-needs-intraday',
  'horizon-shorter-than-bar',
  'needs-intraday',
  'cross-not-observed',
  'unknown-source',
  'no-data',
  // live mode
  'live-off',
  // imports and files
  'empty-file',
  'empty-upload',
  'frequency-mismatch',
  'import-cancelled',
  'imports-disabled',
  'bad-path',
  'no-such-file',
  'no-such-job',
  'download-failed',
  'store-busy',
  // the HTTP layer
  'busy',
  'time-budget',
  'unauthorized',
  'payload-too-large',
  'unsupported-media-type',
  'method-not-allowed',
  'not-found',
  'cross-origin',
  'bad-host',
  'invalid-header',
  'http',
  'internal',
  // server start-up (the command line says these)
  'port-denied',
  'port-in-use',
  'token-required',
  'token-too-short',
  // the dashboard's own (no server answer)
  'network',
  'bad-response',
  'upload-interrupted',
  'upload-cancelled',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/**
 * Whether a string is one of the stable error codes.
 *
 * @example isErrorCode('busy') // true
 */
export function isErrorCode(s: string): s is ErrorCode {
  return CODES.has(s);
}
