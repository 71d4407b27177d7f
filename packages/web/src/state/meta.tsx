import { createContext, useContext, type ReactNode } from 'react';
import type { MetaResponse } from '../api/types';
import { useApi, type ApiState } from './useApi';
import { useRouter } from './router';

const Ctx = createContext<ApiState<MetaResponse> | null>(null);

/** Server facts (sources, pairs, limits) for the current `source` parameter. */
export function MetaProvider({ children }: { children: ReactNode }) {
  const { location } = useRouter();
  const meta = useApi<MetaResponse>('/api/meta', { source: location.params.get('source') ?? undefined });
  return <Ctx.Provider value={meta}>{children}</Ctx.Provider>;
}

export function useMeta(): ApiState<MetaResponse> {
  const v = useContext(Ctx);
  if (!v) throw new Error('useMeta outside MetaProvider');
  return v;
}
