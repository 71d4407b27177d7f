import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { downloadFile } from '../fetch/download.js';
import { ecbHistory } from '../fetch/ecb.js';
import { soukanHome } from '../fetch/paths.js';

/**
 * The Federal Reserve Board's Data Download Program CSV of the H.10 daily
 * rates (all currencies, with labels, series in columns). Override with
 * `SOUKAN_H10_URL`, or import a downloaded copy with `--file`.
 */
export const H10_DDP_URL =
  'https://www.federalreserve.gov/datadownload/Output.aspx?rel=H10&series=60f32914ab61dfab590e0e470153e3ae&lastobs=&from=&to=&filetype=csv&label=include&layout=seriescolumn&type=package';

/**
 * Publishers `soukan import` can fetch by name.
 *
 * @example PUBLISHERS.includes('h10') // true
 */
export const PUBLISHERS = ['ecb', 'h10'] as const;
/** One of {@link PUBLISHERS}. */
export type Publisher = (typeof PUBLISHERS)[number];

/** The file to import for a publisher, and where it came from. */
export interface PublisherFile {
  readonly path: string;
  readonly origin: 'file' | 'downloaded' | 'cache' | 'stale-cache' | 'fallback';
}

/**
 * A fresh local copy of a publisher's history: `file` when given, else a new
 * download (the ECB's `eurofxref-hist.zip` via `SOUKAN_ECB_URL` or its
 * address; the Fed's H.10 DDP CSV via `SOUKAN_H10_URL` or {@link H10_DDP_URL})
 * into `<soukan home>/downloads`, falling back to the last download with a
 * warning when the network fails.
 *
 * @throws InputError for a missing `file`, or when the download fails and no copy exists (saying how to work offline).
 * @example (await publisherFile('ecb', { file: 'eurofxref-hist.zip' })).origin // 'file'
 */
export async function publisherFile(which: Publisher, options: { file?: string; log?: (m: string) => void } = {}): Promise<PublisherFile> {
  const log = options.log ?? (() => {});
  if (options.file !== undefined) {
    if (!existsSync(options.file)) throw new InputError(`no such file: ${options.file}`);
    return { path: options.file, origin: 'file' };
  }
  if (which === 'ecb') {
    try {
      return await ecbHistory({ maxAgeMs: 0, log });
    } catch (e) {
      throw new InputError(`${(e as Error).message.replace(/Offline\?.*$/, '')}Offline? Import a downloaded copy: soukan import ecb --file eurofxref-hist.zip`);
    }
  }
  const url = process.env.SOUKAN_H10_URL ?? H10_DDP_URL;
  const dest = join(soukanHome(), 'downloads', 'frb_h10.csv');
  try {
    log(`downloading ${url} …`);
    await downloadFile(url, dest);
    return { path: dest, origin: 'downloaded' };
  } catch (e) {
    if (existsSync(dest)) {
      log(`warning: ${(e as Error).message}; using the copy downloaded ${new Date(statSync(dest).mtimeMs).toISOString().slice(0, 16)}Z`);
      return { path: dest, origin: 'stale-cache' };
    }
    throw new InputError(`${(e as Error).message}. Offline? Import a downloaded copy: soukan import h10 --file FRB_H10.csv`);
  }
}
