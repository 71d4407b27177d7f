import { ECB_ATTRIBUTION } from './ecb.js';

/** Attribution the H.10 data's publisher asks for. */
export const H10_ATTRIBUTION = 'Source: Board of Governors of the Federal Reserve System, H.10';

/**
 * The acknowledgement a source's terms ask for, by `Dataset.source`; undefined
 * when none is known.
 *
 * @example sourceAttribution('ECB') // 'Source: ECB statistics (euro foreign exchange reference rates)'
 */
export function sourceAttribution(source: string): string | undefined {
  if (source === 'ECB') return ECB_ATTRIBUTION;
  if (source === 'FRB H.10' || source === 'FRED') return H10_ATTRIBUTION;
  return undefined;
}
