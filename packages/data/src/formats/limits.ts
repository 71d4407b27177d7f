/**
 * The budgets every read runs under, so that no file — however small on
 * disk — can take unbounded memory or time.
 */

/** Bounds on reading one file; every reader accepts them in its options. */
export interface ReadLimits {
  /**
   * Most bytes one file may expand to after decompression (plain files:
   * their size). Default {@link DEFAULT_MAX_BYTES}.
   */
  maxBytes?: number;
  /** Longest line, in characters. Default {@link DEFAULT_MAX_LINE_LENGTH}. */
  maxLineLength?: number;
}

/**
 * Default decompressed-size budget of one file: 4 GiB, far above any
 * published history (HistData's largest yearly M1 member is ~25 MB) and
 * well below what would exhaust a machine before the rows are even kept.
 */
export const DEFAULT_MAX_BYTES = 4 * 2 ** 30;

/** Default line budget: 1 Mi characters (a text file has newlines long before; a binary one may have none). */
export const DEFAULT_MAX_LINE_LENGTH = 2 ** 20;

/**
 * The limits with defaults filled in.
 *
 * @throws RangeError for a limit that is not a positive integer (a caller's bug: front ends validate first).
 * @example readLimits({ maxBytes: 1024 }).maxLineLength // 1048576
 */
export function readLimits(o: ReadLimits): Required<ReadLimits> {
  const maxBytes = o.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxLineLength = o.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  if (!(Number.isSafeInteger(maxBytes) && maxBytes > 0)) throw new RangeError(`maxBytes: expected a positive integer, got ${maxBytes}`);
  if (!(Number.isSafeInteger(maxLineLength) && maxLineLength > 0)) throw new RangeError(`maxLineLength: expected a positive integer, got ${maxLineLength}`);
  return { maxBytes, maxLineLength };
}

/**
 * A byte count as people write limits: whole KiB/MiB/GiB when exact, else bytes.
 *
 * @example showBytes(256 * 2 ** 20) // '256 MiB'
 */
export function showBytes(n: number): string {
  for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  return `${n} bytes`;
}
