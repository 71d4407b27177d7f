import { useEffect, useRef, useState } from 'react';
import { apiGet, queryString } from '../api/client';

type Params = Record<string, string | number | undefined | null>;

const cache = new Map<string, unknown>();
const inflight = new Map<string, Promise<unknown>>();
const MAX_CACHED = 40;

/**
 * Starts a GET before any component asks for it (main.tsx does this for the
 * first view, so the request runs while React and ECharts start up); a
 * `useApi` with the same path and params picks up the pending response.
 */
export function prefetch(path: string, params: Params = {}): void {
  const key = `${path}${queryString(params)}`;
  if (cache.has(key) || inflight.has(key)) return;
  const p = apiGet<unknown>(path, params).then((data) => {
    cache.set(key, data);
    return data;
  });
  p.catch(() => {}).finally(() => inflight.delete(key));
  inflight.set(key, p);
}

/** Forgets cached responses (after an import changes the data). */
export function clearApiCache(): void {
  cache.clear();
}

export interface ApiState<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  /** Key of the request `data` answers (the previous one while a new one loads). */
  readonly key: string | undefined;
  reload(): void;
}

/**
 * GETs `path` with `params` whenever they change (null `path` = nothing to
 * ask yet). Keeps showing the previous result while the next loads; aborts
 * superseded requests; remembers recent responses for instant back/forward.
 */
export function useApi<T>(path: string | null, params: Params = {}): ApiState<T> {
  const key = path === null ? undefined : `${path}${queryString(params)}`;
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean; key?: string }>(() =>
    key !== undefined && cache.has(key) ? { data: cache.get(key) as T, loading: false, key } : { loading: key !== undefined },
  );
  const [nonce, setNonce] = useState(0);
  const paramsRef = useRef(params);
  paramsRef.current = params;
  useEffect(() => {
    if (key === undefined || path === null) {
      setState({ loading: false });
      return;
    }
    if (cache.has(key)) {
      setState({ data: cache.get(key) as T, loading: false, key });
      return;
    }
    const ac = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    const pending = inflight.get(key) as Promise<T> | undefined;
    (pending ?? apiGet<T>(path, paramsRef.current, ac.signal)).then(
      (data) => {
        if (ac.signal.aborted) return;
        cache.set(key, data);
        if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
        setState({ data, loading: false, key });
      },
      (error: unknown) => {
        if ((error as Error).name === 'AbortError' || ac.signal.aborted) return;
        setState((s) => ({ ...s, error, loading: false }));
      },
    );
    return () => ac.abort();
  }, [key, path, nonce]);
  return {
    data: state.data,
    error: state.error,
    loading: state.loading,
    key: state.key,
    reload: () => {
      if (key) cache.delete(key);
      setNonce((n) => n + 1);
    },
  };
}
