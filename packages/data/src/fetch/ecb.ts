import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { downloadFile } from './download.js';
import { soukanHome } from './paths.js';

/** The ECB's published address of the full euro reference rate history. */
export const ECB_HISTORY_URL = 'https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip';

/** Where the ECB history comes from, for the header line and the README. */
export const ECB_ATTRIBUTION = 'Source: ECB statistics (euro foreign exchange reference rates)';

export interface EcbHistoryOptions {
  /** Override the download address (tests serve it from 127.0.0.1). Env: SOUKAN_ECB_URL. */
  readonly url?: string;
  /** Cache folder (default `<soukan home>/downloads`). */
  readonly cacheDir?: string;
  /** Re-download when the cached copy is older than this (default 12 h; the ECB publishes once a day, around 16:00 CET). */
  readonly maxAgeMs?: number;
  /** Local copies to use when the download fails and nothing is cached, in order. */
  readonly fallbacks?: readonly string[];
  /** Progress and warnings (stderr in the CLI). */
  readonly log?: (message: string) => void;
}

/** The file used and how it was obtained. */
export interface EcbHistory {
  readonly path: string;
  readonly origin: 'downloaded' | 'cache' | 'stale-cache' | 'fallback';
}

/**
 * Returns a local path of the ECB history zip: the cached download when fresh,
 * else a new download (atomic), else the stale cache or a fallback copy, with
 * a warning. Throws when none of these exist, saying how to work offline.
 */
export async function ecbHistory(options: EcbHistoryOptions = {}): Promise<EcbHistory> {
  const url = options.url ?? process.env.SOUKAN_ECB_URL ?? ECB_HISTORY_URL;
  const cacheDir = options.cacheDir ?? join(soukanHome(), 'downloads');
  const cached = join(cacheDir, 'eurofxref-hist.zip');
  const maxAge = options.maxAgeMs ?? 12 * 3_600_000;
  const log = options.log ?? (() => {});
  if (existsSync(cached) && Date.now() - statSync(cached).mtimeMs < maxAge) return { path: cached, origin: 'cache' };
  try {
    log(`downloading ${url} …`);
    await downloadFile(url, cached);
    return { path: cached, origin: 'downloaded' };
  } catch (e) {
    const reason = (e as Error).message;
    if (existsSync(cached)) {
      log(`warning: ${reason}; using the copy downloaded ${new Date(statSync(cached).mtimeMs).toISOString().slice(0, 16)}Z`);
      return { path: cached, origin: 'stale-cache' };
    }
    const fb = (options.fallbacks ?? []).find((p) => existsSync(p));
    if (fb) {
      log(`warning: ${reason}; using the local copy ${fb}`);
      return { path: fb, origin: 'fallback' };
    }
    throw new Error(`${reason}. Offline? Give the file with --data eurofxref-hist.zip or set SOUKAN_ECB_FILE.`);
  }
}
