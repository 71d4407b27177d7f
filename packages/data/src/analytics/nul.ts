/** A finite number, else null: how JSON outputs write undefined values (internal; not re-exported). */
export const nul = (v: number): number | null => (Number.isFinite(v) ? v : null);
