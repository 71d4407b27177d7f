import { InputError } from '../errors.js';
import { ecbHistory } from '../fetch/ecb.js';

/**
 * What a provider's `refreshEcb` takes.
 *
 * @example await data.refreshEcb({ force: true } satisfies EcbRefresh)
 */
export interface EcbRefresh {
  readonly log?: (m: string) => void;
  /** Download again even when the cached copy is fresh. */
  readonly force?: boolean;
  /** Local copies to use when the download fails and nothing is cached. */
  readonly fallbacks?: readonly string[];
}

/**
 * The ECB history file to import: the cached download, a fresh one, or a
 * fallback (see `ecbHistory` in @soukan/data).
 *
 * @throws InputError `download-failed` with the reason.
 * @example await ecbFile({ log: console.error }) // '…/soukan/downloads/eurofxref-hist.zip'
 */
export async function ecbFile(o: EcbRefresh): Promise<string> {
  try {
    return (await ecbHistory({ log: o.log, fallbacks: o.fallbacks, maxAgeMs: o.force ? 0 : undefined })).path;
  } catch (e) {
    throw new InputError((e as Error).message, { code: 'download-failed' });
  }
}
