import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

/** Where the user is: a view path and its parameters — all of the page's state, so a URL can be shared. */
export interface Location {
  readonly path: string;
  readonly params: URLSearchParams;
}

interface Router {
  readonly location: Location;
  /** Goes to a view (a new history entry). */
  navigate(path: string, params?: Record<string, string | undefined>): void;
  /** Changes parameters of the current view (replaces the history entry; `undefined` removes one). */
  update(changes: Record<string, string | undefined>): void;
  href(path: string, params?: Record<string, string | undefined>): string;
}

const Ctx = createContext<Router | null>(null);

function current(): Location {
  return { path: window.location.pathname.replace(/\/+$/, '') || '/', params: new URLSearchParams(window.location.search) };
}

function build(path: string, params: Record<string, string | undefined> | URLSearchParams = {}): string {
  const q = params instanceof URLSearchParams ? new URLSearchParams(params) : new URLSearchParams();
  if (!(params instanceof URLSearchParams)) for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return `${path}${s ? `?${s}` : ''}`;
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<Location>(current);
  useEffect(() => {
    const on = (): void => setLocation(current());
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  const navigate = useCallback((path: string, params: Record<string, string | undefined> = {}) => {
    window.history.pushState(null, '', build(path, params));
    setLocation(current());
    window.scrollTo(0, 0);
  }, []);
  const update = useCallback((changes: Record<string, string | undefined>) => {
    const loc = current();
    const q = new URLSearchParams(loc.params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') q.delete(k);
      else q.set(k, v);
    }
    window.history.replaceState(null, '', build(loc.path, q));
    setLocation(current());
  }, []);
  const value = useMemo<Router>(() => ({ location, navigate, update, href: build }), [location, navigate, update]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useRouter(): Router {
  const r = useContext(Ctx);
  if (!r) throw new Error('useRouter outside RouterProvider');
  return r;
}

/** A parameter of the current URL, falling back to a default when absent or not allowed. */
export function useParam<T extends string>(name: string, fallback: T, allowed?: readonly T[]): T {
  const { location } = useRouter();
  const v = location.params.get(name);
  if (v === null) return fallback;
  if (allowed && !allowed.includes(v as T)) return fallback;
  return v as T;
}
