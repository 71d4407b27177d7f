import { useEffect, useState } from 'react';

/** The phone layout's breakpoint (styles.css uses the same width). */
export const NARROW_QUERY = '(max-width: 760px)';

/** Whether a media query matches, following changes (rotation, resizing). */
export function useMedia(query: string): boolean {
  const [on, setOn] = useState(() => typeof window !== 'undefined' && window.matchMedia(query).matches);
  useEffect(() => {
    const mq = window.matchMedia(query);
    const change = (): void => setOn(mq.matches);
    change();
    mq.addEventListener('change', change);
    return () => mq.removeEventListener('change', change);
  }, [query]);
  return on;
}

/** True on a phone-sized screen: controls collapse, the matrix comes first, a tap shows a cell's details. */
export function useNarrow(): boolean {
  return useMedia(NARROW_QUERY);
}
