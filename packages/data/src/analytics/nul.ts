/**
 * A finite number, else null: how JSON and CSV outputs write a value that is
 * undefined (NaN) or infinite — never ±Infinity, which JSON cannot carry and
 * a spreadsheet misreads.
 *
 * @example nul(Infinity) // null
 */
export const nul = (v: number): number | null => (Number.isFinite(v) ? v : null);
