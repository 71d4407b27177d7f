import { ECB_ATTRIBUTION } from '../fetch/ecb.js';

/** The Federal Reserve's H.10 credit line (also for FRED's copies of it). */
export const H10_ATTRIBUTION = 'Source: Board of Governors of the Federal Reserve System, H.10';

/**
 * The credit a source's terms ask for, by the store's source name (the
 * readers' `Dataset.source`): ECB and the Fed's H.10 (directly or via FRED);
 * none known for others (HistData's terms are unverified, see docs/store.md).
 *
 * @example attributionOf('FRB H.10') // 'Source: Board of Governors of the Federal Reserve System, H.10'
 */
export function attributionOf(source: string): string | undefined {
  if (source === 'ECB') return ECB_ATTRIBUTION;
  if (source === 'FRB H.10' || source === 'FRED') return H10_ATTRIBUTION;
  return undefined;
}
