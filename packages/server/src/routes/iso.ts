import { formatIsoTime } from '@soukan/core';

/** An instant as ISO 8601 text, null when undefined (an empty series' first and last). */
export const iso = (t: number): string | null => (Number.isFinite(t) ? formatIsoTime(t) : null);
