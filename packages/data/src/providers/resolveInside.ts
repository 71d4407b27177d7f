import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';

/**
 * The real path of `rel` inside `dir`: absolute paths, `..` segments, NUL
 * bytes and symbolic links that lead outside `dir` are refused, so an import
 * request can read nothing but the configured data folder.
 *
 * @throws InputError `bad-path` (refused), `no-such-file` (nothing there).
 * @example await resolveInside('/srv/data', 'histdata/EURUSD.zip') // '/srv/data/histdata/EURUSD.zip'
 */
export async function resolveInside(dir: string, rel: string): Promise<string> {
  const bad = (why: string): never => {
    throw new InputError(`files: ${JSON.stringify(rel)} ${why}; give a path relative to the data folder`, { code: 'bad-path', params: { param: 'files', value: rel } });
  };
  if (typeof rel !== 'string' || rel.length === 0 || rel.length > 1000) bad('is not a file name');
  if (rel.includes('\0')) bad('contains a NUL byte');
  if (isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) bad('is absolute');
  if (rel.split(/[\\/]+/).includes('..')) bad('leaves the data folder');
  const root = await realpath(dir);
  let real: string;
  try {
    real = await realpath(resolve(root, rel));
  } catch {
    throw new InputError(`files: no such file in the data folder: ${rel}`, { code: 'no-such-file', params: { param: 'files', value: rel } });
  }
  if (real !== root && !real.startsWith(root + sep)) bad('leads outside the data folder');
  if (!(await stat(real)).isFile()) bad('is not a file');
  return real;
}
