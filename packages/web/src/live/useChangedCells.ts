import { useEffect, useState } from 'react';
import type { LiveMatrixEvent } from './liveApi';

/** How long a changed cell stays outlined when motion is allowed. */
export const FLASH_MS = 1500;

/**
 * The pairs (indices into `rolling`) to mark as changed by the latest
 * matrix event: for {@link FLASH_MS} after it arrives, or — under
 * `prefers-reduced-motion` — steadily until the next event, so nothing
 * blinks.
 *
 * @example const changed = useChangedCells(live.matrix, reduced); changed.has(3) // pair 3 changed at the last bar
 */
export function useChangedCells(ev: LiveMatrixEvent | null, reduced: boolean): ReadonlySet<number> {
  const [marked, setMarked] = useState<{ time: string | null; set: ReadonlySet<number> }>({ time: null, set: new Set() });
  useEffect(() => {
    if (!ev) return setMarked({ time: null, set: new Set() });
    setMarked({ time: ev.time, set: new Set(ev.changed) });
    if (reduced) return;
    const t = setTimeout(() => setMarked({ time: ev.time, set: new Set() }), FLASH_MS);
    return () => clearTimeout(t);
  }, [ev, reduced]);
  return marked.time === ev?.time ? marked.set : new Set(ev?.changed ?? []);
}
