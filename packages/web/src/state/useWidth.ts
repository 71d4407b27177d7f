import { useLayoutEffect, useState, type RefObject } from 'react';

/** The content width of an element, following resizes. */
export function useWidth(ref: RefObject<HTMLElement | null>, fallback = 800): number {
  const [w, setW] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setW(el.clientWidth || fallback);
    const ro = new ResizeObserver(() => setW(el.clientWidth || fallback));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, fallback]);
  return w;
}
